using System.Globalization;
using Dashboard.Runtime.Definitions.Yaml;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.Transfer;

public sealed partial class TransferPage
{
    private string? _yaml;
    private string? _fileName;
    private string? _fileText;
    private string? _fileError;
    private ImportResult? _result;
    private bool _busy;
    private bool _exporting;

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required DefinitionsYamlExporter Exporter { get; init; }
    [Inject] public required DefinitionsImporter Importer { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }

    /// <summary>An uploaded file wins over pasted text; it never goes back to the browser as an editable value.</summary>
    private string? Document => _fileText ?? _yaml;

    private void ClearFile()
    {
        _fileName = null;
        _fileText = null;
        _result = null;
    }

    private async Task ExportAsync()
    {
        _exporting = true;
        var yaml = await Exporter.ExportAsync(CancellationToken.None);
        var fileName = $"definitions-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.yaml";
        await JS.InvokeVoidAsync("dashboard.download", fileName, "text/yaml", yaml);
        _exporting = false;
    }

    private async Task LoadFileAsync(InputFileChangeEventArgs args)
    {
        _fileError = null;
        _result = null;
        try
        {
            await using var stream = args.File.OpenReadStream(DefinitionsImporter.MaxDocumentLength);
            using var reader = new StreamReader(stream);
            _fileText = await reader.ReadToEndAsync();
            _fileName = args.File.Name;
        }
        catch (IOException)
        {
            _fileError = $"'{args.File.Name}' is larger than {DefinitionsImporter.MaxDocumentLength / (1024 * 1024)} MiB.";
        }
    }

    private async Task RunAsync(bool dryRun)
    {
        if (Document is not { } document || string.IsNullOrWhiteSpace(document))
        {
            return;
        }

        _busy = true;
        var actor = (await AuthenticationState).User.ToActor();
        _result = await Importer.ImportAsync(document, actor, dryRun, CancellationToken.None);
        _busy = false;
        if (_result.Applied)
        {
            Dialogs.Notify(NoticeLevel.Success, $"{_result.Changes.Count} definitions imported.");
        }
    }
}
