using System.Net;
using Dashboard.IntegrationTests.Telemetry;
using Dashboard.Testing;
using Dashboard.Runtime.Retention;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Retention;

public sealed class RetentionTests
{
    [Fact]
    public async Task RetentionRound_KeepRowsForOneDefinition_PrunesOldestKeepsTheirIdentityAndLeavesOthers()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Retention:Definitions:kept.hook:KeepRows"] = "5", ["Retention:IntervalSeconds"] = "1", ["Retention:BatchSize"] = "4",
        });
        await RoutedWorkflow.CreateAsync(host, "kept", "kept-flow");
        await RoutedWorkflow.CreateAsync(host, "other", "other-flow");
        using var client = host.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.PostAsync("/hooks/kept", RoutedWorkflow.Event($"k-{i}"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync("/hooks/other", RoutedWorkflow.Event($"o-{i}"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Ids(host, "k-%").Count > 5)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still {Ids(host, "k-%").Count} events of kept.hook");
            await Task.Delay(200);
        }

        Assert.Equal(Enumerable.Range(15, 5).Select(i => $"k-{i}").Order(), Ids(host, "k-%").Order());
        Assert.Equal(3, Ids(host, "o-%").Count);
        Assert.Equal(15L, Scalar(host, "SELECT COUNT(*) FROM pruned_event_ids WHERE Id LIKE 'k-%';"));
        Assert.Equal(0L, Scalar(host, "SELECT COUNT(*) FROM runs WHERE EventSeq NOT IN (SELECT Seq FROM events);"));
        Assert.Equal(0L, Scalar(host, "SELECT COUNT(*) FROM ingestion_ledger WHERE EventSeq IS NOT NULL AND EventSeq NOT IN (SELECT Seq FROM events);"));

        // A retry of a pruned event is still a duplicate, and does not run again.
        var runsBefore = Scalar(host, "SELECT COUNT(*) FROM runs;");
        using (var retry = await client.PostAsync("/hooks/kept", RoutedWorkflow.Event("k-0")))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Contains("\"duplicate\":true", await retry.Content.ReadAsStringAsync());
        }

        Assert.Equal(runsBefore, Scalar(host, "SELECT COUNT(*) FROM runs;"));
        Assert.DoesNotContain("k-0", Ids(host, "k-%"));
        using var fresh = await client.PostAsync("/hooks/kept", RoutedWorkflow.Event("k-20"));
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
    }

    [Fact]
    public async Task ReadStatus_PolicyDue_ShowsSizeGrowthAndWhatIsRemovedNext()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Retention:Definitions:due.hook:KeepRows"] = "2", ["Retention:IntervalSeconds"] = "86400",
        });
        await RoutedWorkflow.CreateAsync(host, "due", "due-flow");
        using var client = host.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostAsync("/hooks/due", RoutedWorkflow.Event($"d-{i}"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var reader = host.Services.GetRequiredService<RetentionStatusReader>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        RetentionStatus status;
        while ((status = await reader.ReadAsync(default)).Due.Single().Count < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "runs did not finish");
            await Task.Delay(200);
        }

        Assert.Equal(4, status.Due.Single().Count);
        Assert.Equal("keep newest 2", status.Due.Single().Policy);
        Assert.Equal(6, status.Events);
        Assert.True(status.DatabaseBytes > 0);
        Assert.True(status.EventsPerDay > 0 && status.BytesPerDay > 0);
        Assert.Equal("forever", status.DedupeWindow);
        Assert.Equal(6, Ids(host, "d-%").Count);
    }

    private static List<string> Ids(DashboardHost host, string pattern)
    {
        using var connection = Open(host);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM events WHERE Id LIKE $p;";
        command.Parameters.AddWithValue("$p", pattern);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static long Scalar(DashboardHost host, string sql)
    {
        using var connection = Open(host);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(DashboardHost host)
    {
        var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
