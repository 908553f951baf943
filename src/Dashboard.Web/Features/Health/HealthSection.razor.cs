using Dashboard.Runtime.Health;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Features.Health;

public sealed partial class HealthSection
{
    private HealthReport? _report;

    [Inject] public required HealthCheckService Checks { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() =>
        _report = await Checks.CheckHealthAsync(check => check.Tags.Contains(HealthServiceCollectionExtensions.ReadyTag), CancellationToken.None);
}
