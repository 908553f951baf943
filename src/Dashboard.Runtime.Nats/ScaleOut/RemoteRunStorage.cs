using System.Text.Json;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// A worker's run store: the owner, by NATS request/reply. Every call is retried until the owner answers (a NATS node
/// failing over, the owner restarting); claims and writes carry a request id so the owner answers a retry with its first
/// result instead of claiming or writing twice. Claims and loads give up after <see cref="ReadDeadline"/>; writes only
/// on shutdown, because a run's results must reach the owner.
/// </summary>
public sealed partial class RemoteRunStorage(
    IServiceProvider services,
    IOptions<RuntimeOptions> runtime,
    TimeProvider clock,
    ILogger<RemoteRunStorage> logger) : IRunStorage
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(2);

    // Resolved on first use: the connection manager depends on the dispatcher, which depends on this storage.
    private NatsConnectionManager Manager => field ??= services.GetRequiredService<NatsConnectionManager>();

    private string Control => Manager.Options.Nats.ControlSubjectPrefix;

    private string Instance => runtime.Value.EffectiveInstanceName;

    public async Task<IReadOnlyList<long>> ClaimForEventsAsync(IReadOnlyList<long> eventSeqs, CancellationToken cancellationToken) =>
        await CallAsync<long[]>(RunSubjects.Claim(Control), new RunClaimRequest(Guid.NewGuid().ToString("N"), Instance, eventSeqs.ToArray()),
            ReadDeadline, cancellationToken).ConfigureAwait(false) ?? [];

    public Task<IReadOnlyList<RunRecord>?> LoadManyAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RunRecord>?>(null);

    public async Task<RunRecord?> LoadAsync(long runId, CancellationToken cancellationToken) =>
        await CallAsync<RunRecord>(RunSubjects.Load(Control), new RunLoadRequest(runId), ReadDeadline, cancellationToken).ConfigureAwait(false) is { } run
            ? run with { ExecutedBy = Instance }
            : null;

    public async Task<IReadOnlyList<CompletedStep>> CompletedStepsAsync(long runId, CancellationToken cancellationToken) =>
        await CallAsync<CompletedStep[]>(RunSubjects.Steps(Control), new RunLoadRequest(runId), ReadDeadline, cancellationToken).ConfigureAwait(false) ?? [];

    public async Task WriteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var writes = statements.Select(s => new RunWrite(
            s.Change ?? throw new InvalidOperationException("A run statement without a typed change cannot be sent to the owner."), s.Notice, s.DerivedActivity)).ToList();
        await CallAsync<bool>(RunSubjects.Write(Control), new RunWriteRequest(Guid.NewGuid().ToString("N"), Instance, writes),
            Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> CallAsync<T>(string subject, object request, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType());
        var started = clock.GetUtcNow();
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                var connection = Manager.Connection ?? throw new NatsException("not connected to NATS");
                var reply = await connection.RequestAsync<byte[], byte[]>(subject, payload, replyOpts: new NatsSubOpts { Timeout = RequestTimeout },
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                var answer = JsonSerializer.Deserialize<RunReply<T>>(reply.Data ?? []);
                if (answer is { Error: null })
                {
                    return answer.Value;
                }

                reason = answer?.Error ?? "empty reply";
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException or JsonException or ObjectDisposedException
                                       && !cancellationToken.IsCancellationRequested)
            {
                reason = ex.Message;
            }

            if (attempt == 1 || attempt % 10 == 0)
            {
                LogRetrying(logger, subject, attempt, reason);
            }

            if (deadline != Timeout.InfiniteTimeSpan && clock.GetUtcNow() - started > deadline)
            {
                throw new TimeoutException($"The owner did not answer on '{subject}' within {deadline.TotalSeconds:0} s: {reason}");
            }

            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < RetryMax ? delay * 2 : RetryMax;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The owner did not answer on {Subject} (attempt {Attempt}): {Reason}; retrying")]
    private static partial void LogRetrying(ILogger logger, string subject, int attempt, string reason);
}
