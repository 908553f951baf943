namespace Dashboard.Web.Features.Workflows;

/// <summary>A step as the editor holds it: settings stay text until saved, so a typo is shown at its step.</summary>
public sealed class StepDraft
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "log";
    public string SettingsText { get; set; } = "{}";
    public string? ParseError { get; set; }
}
