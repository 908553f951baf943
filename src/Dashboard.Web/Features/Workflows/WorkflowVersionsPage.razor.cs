using Dashboard.Data.Entities;
using Dashboard.Runtime.Definitions;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Workflows;

public sealed partial class WorkflowVersionsPage
{
    private IReadOnlyList<WorkflowVersion>? _versions;
    private IReadOnlyList<LineDiff.Line> _diff = [];
    private string _name = "";
    private int _from;
    private int _to;

    [Parameter] public long Id { get; set; }

    [Inject] public required WorkflowDefinitionService Service { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    private IEnumerable<int> VersionNumbers => _versions?.Select(v => v.Version) ?? [];

    protected override async Task OnParametersSetAsync()
    {
        var workflow = await Service.GetAsync(Id, CancellationToken.None);
        _name = workflow?.Name ?? $"workflow {Id}";
        _versions = workflow is null ? [] : await Service.GetVersionsAsync(Id, CancellationToken.None);
        if (_versions.Count > 0)
        {
            var newest = _versions[0].Version;
            Select(_versions.Count > 1 ? _versions[1].Version : newest, newest);
        }
    }

    private void Select(int from, int to)
    {
        _from = from;
        _to = to;
        // Re-indented without escaping, so a step's "x > 1" reads as written (not "x \u003E 1").
        var before = Model.JsonText.Pretty(_versions?.FirstOrDefault(v => v.Version == from)?.StepsJson);
        var after = Model.JsonText.Pretty(_versions?.FirstOrDefault(v => v.Version == to)?.StepsJson);
        _diff = LineDiff.Compare(before, after);
    }

    private static string? CssClass(LineDiff.Kind kind) => kind switch
    {
        LineDiff.Kind.Added => "diff-added",
        LineDiff.Kind.Removed => "diff-removed",
        _ => null,
    };

    private static string Prefix(LineDiff.Kind kind) => kind switch
    {
        LineDiff.Kind.Added => "+ ",
        LineDiff.Kind.Removed => "- ",
        _ => "  ",
    };
}
