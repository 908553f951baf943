using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>
/// Durable before acknowledged: the app is killed with SIGKILL under concurrent load ten times. Every event that got
/// a 2xx must be stored exactly once, none that got a 4xx may be stored, those cut off are stored at most once, and
/// the database passes integrity_check.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Rounds = 10;
    private const int Senders = 8;

    private enum Answer
    {
        Accepted,
        Rejected,
        CutOff,
    }

    [Fact]
    public async Task Ingest_KilledTenTimesUnderLoad_AcknowledgedEventsSurviveExactlyOnce()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "dashboard-tests", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        var answers = new ConcurrentDictionary<string, Answer>();
        try
        {
            await using (var first = await AppProcess.StartAsync(dataPath))
            {
                first.Kill();
            }

            SeedPublicDefinition(dataPath);
            var random = new Random(20261122);
            for (var round = 0; round < Rounds; round++)
            {
                await using var app = await AppProcess.StartAsync(dataPath);
                using var stop = new CancellationTokenSource();
                var senders = Enumerable.Range(0, Senders).Select(s => SendUntilStoppedAsync(app.BaseAddress, $"r{round}-s{s}", answers, stop.Token)).ToList();
                await Task.Delay(random.Next(300, 1200));
                app.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(senders);
            }

            await using (var last = await AppProcess.StartAsync(dataPath))
            {
                last.Kill();
            }

            var stored = StoredCounts(dataPath);
            var accepted = answers.Where(a => a.Value == Answer.Accepted).Select(a => a.Key).ToList();
            var rejected = answers.Where(a => a.Value == Answer.Rejected).Select(a => a.Key).ToList();
            var cutOff = answers.Where(a => a.Value == Answer.CutOff).Select(a => a.Key).ToList();
            output.WriteLine($"accepted {accepted.Count}, rejected {rejected.Count}, cut off {cutOff.Count}, stored {stored.Count}");

            Assert.True(accepted.Count > Rounds, "the load should have had events accepted in most rounds");
            Assert.All(accepted, id => Assert.True(stored.GetValueOrDefault(id) == 1, $"{id} got 2xx but is stored {stored.GetValueOrDefault(id)} times"));
            Assert.All(rejected, id => Assert.False(stored.ContainsKey(id), $"{id} got 4xx but is stored"));
            Assert.All(cutOff, id => Assert.True(stored.GetValueOrDefault(id) <= 1));
            Assert.All(stored, pair => Assert.Equal(1, pair.Value));
            Assert.Equal("ok", IntegrityCheck(dataPath));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataPath, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task SendUntilStoppedAsync(Uri baseAddress, string prefix, ConcurrentDictionary<string, Answer> answers, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var id = $"{prefix}-{i}";
            // Every fifth event lacks its type: a 400 that must never be stored.
            var type = i % 5 == 4 ? "" : "\"type\":\"com.example.crash\",";
            var json = $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/crash",{{{type}}}"data":{"n":{{{i}}}}}""";
            try
            {
                using var response = await client.PostAsync("/hooks/crash", new StringContent(json, Encoding.UTF8, "application/cloudevents+json"), CancellationToken.None);
                answers[id] = response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK
                    ? Answer.Accepted
                    : (int)response.StatusCode is >= 400 and < 500 ? Answer.Rejected : Answer.CutOff;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                answers[id] = Answer.CutOff;
                return;
            }
        }
    }

    private static void SeedPublicDefinition(string dataPath)
    {
        using var connection = Open(dataPath, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO event_definitions (Key, Description, SourceKind, HttpRoute, HttpMethod, AuthMode, Enabled, CreatedAt, UpdatedAt)
            VALUES ('crash.test', 'crash test', 'Http', 'crash', 'POST', 'Public', 1, 0, 0);
            """;
        command.ExecuteNonQuery();
    }

    private static Dictionary<string, long> StoredCounts(string dataPath)
    {
        using var connection = Open(dataPath, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, COUNT(*) FROM events WHERE Source = '/crash' GROUP BY Id";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static string IntegrityCheck(string dataPath)
    {
        using var connection = Open(dataPath, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string dataPath, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "dashboard.db"),
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
