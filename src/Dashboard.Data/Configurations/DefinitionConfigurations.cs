using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class EventDefinitionConfiguration : IEntityTypeConfiguration<EventDefinition>
{
    public void Configure(EntityTypeBuilder<EventDefinition> builder)
    {
        builder.ToTable("event_definitions");
        builder.HasIndex(e => e.Key).IsUnique();
        builder.Property(e => e.SourceKind).HasConversion<string>();
        builder.Property(e => e.AuthMode).HasConversion<string>();
        builder.Property(e => e.CronMissedFirePolicy).HasConversion<string>();
        builder.Property(e => e.Mode).HasConversion<string>();
        builder.HasMany(e => e.Bindings).WithOne(b => b.EventDefinition).HasForeignKey(b => b.EventDefinitionId);
    }
}

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinition>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinition> builder)
    {
        builder.ToTable("workflow_definitions");
        builder.HasIndex(w => w.Name).IsUnique();
        builder.HasMany(w => w.Versions).WithOne(v => v.WorkflowDefinition).HasForeignKey(v => v.WorkflowDefinitionId);
        builder.HasMany(w => w.Bindings).WithOne(b => b.WorkflowDefinition).HasForeignKey(b => b.WorkflowDefinitionId);
    }
}

internal sealed class WorkflowVersionConfiguration : IEntityTypeConfiguration<WorkflowVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowVersion> builder)
    {
        builder.ToTable("workflow_versions");
        builder.HasIndex(v => new { v.WorkflowDefinitionId, v.Version }).IsUnique();
    }
}

internal sealed class WorkflowBindingConfiguration : IEntityTypeConfiguration<WorkflowBinding>
{
    public void Configure(EntityTypeBuilder<WorkflowBinding> builder)
    {
        builder.ToTable("workflow_bindings");
        builder.HasKey(b => new { b.EventDefinitionId, b.WorkflowDefinitionId });
    }
}

internal sealed class EventDefinitionVersionConfiguration : IEntityTypeConfiguration<EventDefinitionVersion>
{
    public void Configure(EntityTypeBuilder<EventDefinitionVersion> builder)
    {
        builder.ToTable("event_definition_versions");
        builder.HasIndex(v => new { v.EventDefinitionId, v.Version }).IsUnique();
        builder.HasOne<EventDefinition>().WithMany().HasForeignKey(v => v.EventDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
