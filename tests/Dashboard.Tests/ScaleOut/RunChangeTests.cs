using System.Text.Json;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.ScaleOut;
using Dashboard.Runtime.Streaming;
using Dashboard.Runtime.Workflows.Store;

namespace Dashboard.Tests.ScaleOut;

public sealed class RunChangeTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    public static TheoryData<string> Statements => [.. All().Keys];

    [Theory]
    [MemberData(nameof(Statements))]
    public void ToStatement_AfterJsonRoundTrip_SameSqlAndParameters(string name)
    {
        var statement = All()[name];
        var wire = JsonSerializer.SerializeToUtf8Bytes(new RunWriteRequest("r1", "worker", [new RunWrite(statement.Change!, statement.Notice)]));

        var received = JsonSerializer.Deserialize<RunWriteRequest>(wire)!.Writes.Single();
        var rebuilt = received.Change.ToStatement() with { Notice = received.Notice };

        Assert.Equal(statement.Sql, rebuilt.Sql);
        Assert.Equal(statement.Parameters, rebuilt.Parameters);
        Assert.Equal(statement.Notice, rebuilt.Notice);
    }

    [Fact]
    public void Serialize_RunWrite_CarriesNoSqlText()
    {
        var statement = RunStatements.Finish(7, RunStates.Succeeded, null, null, At);

        var json = JsonSerializer.Serialize(new RunWrite(statement.Change!, null));

        Assert.Contains("\"change\":\"finish\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("UPDATE", json, StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, SqlStatement> All() => new()
    {
        ["step-result"] = RunStatements.StepResult(1, 0, "call", "http", 2, "Failed", "{\"a\":1}", null, "boom", true, At, At.AddSeconds(1), "key-1"),
        ["progress"] = RunStatements.Progress(1, 2, 1, "{}", RunStates.Queued, At.AddMinutes(1), At),
        ["progress-now"] = RunStatements.Progress(1, 2, 1, "{}", RunStates.Running, null, At),
        ["finish"] = RunStatements.Finish(1, RunStates.Failed, "bad", "call", At) with
        {
            Notice = LiveItem.ForRun(At, 1, 3, RunStates.Failed, 9, "bad"),
        },
        ["started"] = RunStatements.Started(1, At, "worker-1"),
        ["activity"] = RunStatements.Activity(At, 3, ActivityKinds.RunStarted, "run 1 started", "event e-1", 9, 1),
        ["requeue"] = RunStatements.Requeue(1, At.AddSeconds(30), At),
        ["completed"] = RunStatements.Completed(1, 3, "{\"x\":1}", At),
        ["completed-with-start"] = RunStatements.Completed(1, 3, "{}", At, At.AddMilliseconds(-4), "worker-1"),
    };
}
