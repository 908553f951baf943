using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>Runs stored in this instance's SQLite: claims through <see cref="RunClaims"/> (in the group commit), loads through <see cref="RunStore"/>, writes through <see cref="RunWriter"/>.</summary>
public sealed class LocalRunStorage(RunStore store, RunClaims claims, RunWriter writer, IOptions<RuntimeOptions> runtime) : IRunStorage
{
    public Task<IReadOnlyList<long>> ClaimForEventsAsync(IReadOnlyList<long> eventSeqs, CancellationToken cancellationToken) =>
        claims.ClaimForEventsAsync(eventSeqs, cancellationToken);

    public async Task<IReadOnlyList<RunRecord>?> LoadManyAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken) =>
        (await claims.LoadAsync(runIds, cancellationToken).ConfigureAwait(false))
            .Select(run => run with { ExecutedBy = runtime.Value.EffectiveInstanceName }).ToList();

    public async Task<RunRecord?> LoadAsync(long runId, CancellationToken cancellationToken) =>
        await store.LoadAsync(runId, cancellationToken).ConfigureAwait(false) is { } run
            ? run with { ExecutedBy = runtime.Value.EffectiveInstanceName }
            : null;

    public Task<IReadOnlyList<CompletedStep>> CompletedStepsAsync(long runId, CancellationToken cancellationToken) =>
        store.CompletedStepsAsync(runId, cancellationToken);

    public Task WriteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken) =>
        writer.WriteAsync(statements, cancellationToken);

    /// <summary>Returns once the write is queued; <paramref name="settled"/> runs on the writer's thread after the commit.</summary>
    public Task WriteLastAsync(IReadOnlyList<SqlStatement> statements, Action<Exception?> settled, CancellationToken cancellationToken) =>
        writer.WriteLastAsync(statements, settled, cancellationToken);
}
