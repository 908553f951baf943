using Dashboard.Data.Maintenance;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Data.Sqlite;

namespace Dashboard.IntegrationTests.Data;

/// <summary>Activity retention on a migrated store, next to the run entries derived from run rows (M017, M021).</summary>
public sealed class ActivityPruneTests : IAsyncLifetime
{
    private MigratedStore _store = null!;
    private SqliteConnection _db = null!;

    public async Task InitializeAsync()
    {
        _store = await MigratedStore.CreateAsync();
        _db = await _store.Connections.OpenAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public void PruneActivity_EveryRowOlderThanTheCutoff_KeepsTheNewestSoLaterRunEndsStillSortNewest()
    {
        _store.Execute("""
            INSERT INTO activity (Id, At, Kind, Message) VALUES (1, 10, 'note', 'a'), (2, 20, 'note', 'b'), (3, 30, 'note', 'c');
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, FinishedAt, FinishMark, Initiator)
            VALUES (1, 1, 1, 1, 'Succeeded', 1, 40, 3.5, 'alice');
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, Initiator) VALUES (2, 1, 1, 2, 'Running', 1, 'alice');
            """);
        var deleted = 0;
        var prune = RetentionStatements.PruneActivity(DateTimeOffset.FromUnixTimeMilliseconds(1_000), 10, n => deleted = n);

        Run(prune.Sql, prune.Parameters, prune.ReadRows);
        var finish = RunStatements.Finish(2, RunStates.Succeeded, null, null, DateTimeOffset.FromUnixTimeMilliseconds(50));
        Run(finish.Sql, finish.Parameters, null);
        var parameters = new List<(string Name, object? Value)> { ("$take", 10L), ("$skip", 0L) };
        var messages = Read(ActivityLogSql.Entries(new ActivityLogFilter(), parameters), parameters);

        Assert.Equal(2, deleted);
        Assert.Equal(["run 2 succeeded", "run 1 succeeded", "c"], messages);
    }

    private void Run(string sql, IEnumerable<KeyValuePair<string, object?>> parameters, Action<SqliteDataReader>? read)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        read?.Invoke(reader);
    }

    private List<string> Read(string sql, List<(string Name, object? Value)> parameters)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var messages = new List<string>();
        while (reader.Read())
        {
            messages.Add(reader.GetString(5));
        }

        return messages;
    }
}
