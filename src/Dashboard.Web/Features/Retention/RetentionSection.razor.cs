using Dashboard.Runtime.Health;
using Dashboard.Runtime.Retention;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Retention;

public sealed partial class RetentionSection
{
    private RetentionStatus? _status;

    [Inject] public required RetentionStatusReader Reader { get; init; }

    protected override async Task OnInitializedAsync() => _status = await Reader.ReadAsync(CancellationToken.None);

    private static string Bytes(long bytes) => DiskSpace.Format(bytes);
}
