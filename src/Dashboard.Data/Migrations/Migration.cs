namespace Dashboard.Data.Migrations;

/// <summary>A hand-written schema change, applied once, in order, inside a transaction.</summary>
public sealed record Migration(int Version, string Name, string Sql);
