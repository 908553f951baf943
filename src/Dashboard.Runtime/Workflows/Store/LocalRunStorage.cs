using Dashboard.Runtime.ScaleOut;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>Runs stored in this instance's SQLite: claims and loads through <see cref="RunStore"/>, writes through <see cref="RunWriter"/>.</summary>
public sealed class LocalRunStorage(RunStore store, RunWriter writer, IOptions<RuntimeOptions> runtime) : IRunStorage
{
    public Task<IReadOnlyList<long>> ClaimForEventAsync(long eventSeq, CancellationToken cancellationToken) =>
        store.ClaimForEventAsync(eventSeq, cancellationToken);

    public async Task<RunRecord?> LoadAsync(long runId, CancellationToken cancellationToken) =>
        await store.LoadAsync(runId, cancellationToken).ConfigureAwait(false) is { } run
            ? run with { ExecutedBy = runtime.Value.EffectiveInstanceName }
            : null;

    public Task<IReadOnlyList<CompletedStep>> CompletedStepsAsync(long runId, CancellationToken cancellationToken) =>
        store.CompletedStepsAsync(runId, cancellationToken);

    public Task WriteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken) =>
        writer.WriteAsync(statements, cancellationToken);
}
