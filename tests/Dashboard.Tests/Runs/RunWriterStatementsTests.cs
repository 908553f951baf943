using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Runs;

/// <summary>How a run write becomes the writer's statements: activity rows folded into multi-row inserts, run on a real SQLite file.</summary>
public sealed class RunWriterStatementsTests : IDisposable
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"run-writer-{Guid.NewGuid():N}.db");

    [Fact]
    public void ToStoreStatements_TwoActivityRowsAndAnEnd_OneInsertAfterTheOtherStatementsThenTheEnd()
    {
        var statements = new List<SqlStatement>
        {
            Activity("run 1 started"),
            RunStatements.StepResult(1, 0, "log", "log", 1, "Succeeded", null, null, null, false, At, At, null),
            RunStatements.Completed(1, 1, "{}", At, At, "owner"),
            Activity("run 1 note"),
        };

        var result = RunWriter.ToStoreStatements(statements);

        Assert.Equal(3, result.Count);
        Assert.Equal(statements[1].Sql, result[0].Sql);
        Assert.StartsWith("INSERT INTO activity", result[1].Sql, StringComparison.Ordinal);
        Assert.Equal(14, result[1].Parameters.Count);
        Assert.Equal(statements[2].Sql, result[2].Sql);
    }

    [Fact]
    public void ToStoreStatements_FailedRunEnd_StartFirstThenStepRowsThenEndRowThenEndUpdate()
    {
        var started = RunStatements.Started(1, At, "owner");
        var result = RunStatements.StepResult(1, 0, "boom", "fail", 1, "Failed", null, null, "no", false, At, At, null);
        var stepFailed = RunStatements.Activity(At, 3, "step-failed", "run 1 step 'boom' failed: no", "event e-1", 11, 1);
        var finish = RunStatements.Finish(1, "Failed", "no", "boom", At);
        var finishRow = RunStatements.FinishActivity(At, 3, "run-failed", "run 1 failed: no", "event e-1", 11, 1);

        var store = RunWriter.ToStoreStatements([started, result, stepFailed, finish, finishRow]);

        Assert.Equal([started.Sql, result.Sql, stepFailed.Sql, finishRow.Sql, finish.Sql], store.Select(s => s.Sql));
    }

    [Fact]
    public void ToStoreStatements_OneActivityRow_KeptAsTheSingleRowStatement()
    {
        var single = Activity("run 1 retrying");

        var result = RunWriter.ToStoreStatements([single]);

        Assert.Equal(single.Sql, Assert.Single(result).Sql);
        Assert.Equal(single.Parameters, result[0].Parameters);
    }

    [Fact]
    public void ToStoreStatements_TwentyActivityRows_StoredInOrderInChunksOfEight()
    {
        var rows = Enumerable.Range(1, 20).Select(i => Activity($"row {i}")).ToList();

        var result = RunWriter.ToStoreStatements(rows);
        Execute(result);

        Assert.Equal(3, result.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"row {i}"), ReadMessages());
    }

    [Fact]
    public void Activities_StoresEveryColumnOfEachRow()
    {
        var change = new ActivityChange(At, 7, "RunSucceeded", "run 9 succeeded", "event e-1", 42, 9);
        var other = new ActivityChange(At.AddMilliseconds(5), null, "RunStarted", "run 10 started", null, null, null);

        Execute([RunStatements.Activities([change, other])]);

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT At, WorkflowId, Kind, Message, Actor, EventSeq, RunId FROM activity ORDER BY Id";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((At.ToUnixTimeMilliseconds(), 7L, "RunSucceeded", "run 9 succeeded", "event e-1", 42L, 9L),
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetInt64(6)));
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(1) && reader.IsDBNull(4) && reader.IsDBNull(5) && reader.IsDBNull(6));
        Assert.Equal(At.AddMilliseconds(5).ToUnixTimeMilliseconds(), reader.GetInt64(0));
        Assert.False(reader.Read());
    }

    private static SqlStatement Activity(string message) => RunStatements.Activity(At, 3, "RunStarted", message, "event e-1", 11, 1);

    private void Execute(IEnumerable<StoreStatement> statements)
    {
        using var connection = Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS activity (Id INTEGER PRIMARY KEY AUTOINCREMENT, At INTEGER NOT NULL, WorkflowId INTEGER NULL,
                    Kind TEXT NOT NULL, Message TEXT NOT NULL, Actor TEXT NULL, EventSeq INTEGER NULL, RunId INTEGER NULL);
                """;
            create.ExecuteNonQuery();
        }

        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            foreach (var (name, value) in statement.Parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            command.ExecuteNonQuery();
        }
    }

    private List<string> ReadMessages()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Message FROM activity ORDER BY Id";
        using var reader = command.ExecuteReader();
        var messages = new List<string>();
        while (reader.Read())
        {
            messages.Add(reader.GetString(0));
        }

        return messages;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose() => File.Delete(_path);
}
