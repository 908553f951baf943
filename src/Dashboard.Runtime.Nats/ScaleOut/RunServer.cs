using System.Text.Json;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On the owner (Runtime:ScaleOut): the run store of the workers. Answers claims (the same atomic claim as the owner's
/// own JetStream worker, then stamps the claiming worker on the runs), loads, completed steps, and writes, which commit
/// through the group-commit writer before the reply. Requests are handled concurrently so workers' writes share commits.
/// </summary>
public sealed partial class RunServer(
    NatsConnectionManager manager,
    RunStore store,
    RunClaims claims,
    RunWriter writer,
    ReplyCache replies,
    ILogger<RunServer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var control = manager.Options.Nats.ControlSubjectPrefix;
        try
        {
            var connection = await manager.WaitForConnectionAsync(stoppingToken).ConfigureAwait(false);
            await foreach (var request in connection.SubscribeAsync<byte[]>(RunSubjects.All(control), cancellationToken: stoppingToken).ConfigureAwait(false))
            {
                _ = AnswerAsync(request, control, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AnswerAsync(NatsMsg<byte[]> request, string control, CancellationToken stoppingToken)
    {
        byte[] reply;
        try
        {
            reply = await HandleAsync(request, control, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogRequestFailed(logger, ex, request.Subject);
            reply = JsonSerializer.SerializeToUtf8Bytes(new RunReply<object>(null, ex.Message));
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await request.ReplyAsync(reply, cancellationToken: stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NatsException or InvalidOperationException or ObjectDisposedException)
        {
            // The worker retries with the same request id and gets this answer from the cache.
            LogReplyLost(logger, request.Subject, ex.Message);
        }
    }

    private Task<byte[]> HandleAsync(NatsMsg<byte[]> request, string control, CancellationToken stoppingToken)
    {
        var subject = request.Subject;
        if (subject == RunSubjects.Claim(control))
        {
            var claim = Read<RunClaimRequest>(request);
            return replies.GetOrRun(claim.RequestId, () => ClaimAsync(claim, stoppingToken));
        }

        if (subject == RunSubjects.Write(control))
        {
            var write = Read<RunWriteRequest>(request);
            return replies.GetOrRun(write.RequestId, () => WriteAsync(write, stoppingToken));
        }

        if (subject == RunSubjects.Load(control))
        {
            return LoadAsync(Read<RunLoadRequest>(request).RunId, stoppingToken);
        }

        if (subject == RunSubjects.Steps(control))
        {
            return StepsAsync(Read<RunLoadRequest>(request).RunId, stoppingToken);
        }

        throw new InvalidOperationException($"Unknown run request subject '{subject}'.");
    }

    private async Task<byte[]> ClaimAsync(RunClaimRequest claim, CancellationToken stoppingToken)
    {
        // The worker is recorded with the claim, so the runs of a worker that stops sending heartbeats can be queued again.
        var ids = await claims.ClaimForEventsAsync(claim.EventSeqs, stoppingToken, claim.Instance).ConfigureAwait(false);
        LogClaimed(logger, claim.EventSeqs.Length, ids.Count, claim.Instance);
        return Answer(ids.ToArray());
    }

    private async Task<byte[]> WriteAsync(RunWriteRequest write, CancellationToken stoppingToken)
    {
        var statements = write.Writes.Select(w => w.Change.ToStatement() with { Notice = w.Notice, DerivedActivity = w.DerivedActivity }).ToList();
        await writer.WriteAsync(statements, stoppingToken).ConfigureAwait(false);
        return Answer(true);
    }

    private async Task<byte[]> LoadAsync(long runId, CancellationToken stoppingToken) =>
        Answer(await store.LoadAsync(runId, stoppingToken).ConfigureAwait(false));

    private async Task<byte[]> StepsAsync(long runId, CancellationToken stoppingToken) =>
        Answer((await store.CompletedStepsAsync(runId, stoppingToken).ConfigureAwait(false)).ToArray());

    private static T Read<T>(NatsMsg<byte[]> request) =>
        JsonSerializer.Deserialize<T>(request.Data ?? []) ?? throw new JsonException($"Empty {typeof(T).Name}.");

    private static byte[] Answer<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(new RunReply<T>(value, null));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering a worker's request on {Subject} failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply on {Subject} could not be sent: {Reason}")]
    private static partial void LogReplyLost(ILogger logger, string subject, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Events} event(s): {Count} run(s) claimed by worker {Instance}")]
    private static partial void LogClaimed(ILogger logger, int events, int count, string instance);
}
