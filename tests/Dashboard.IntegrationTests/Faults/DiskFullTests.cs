using System.Net;
using System.Text;
using System.Text.Json;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.IntegrationTests.Faults;

/// <summary>The data folder on a small tmpfs that fills up during ingestion.</summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private static readonly string Payload = new('x', 4000);

    [TmpfsFact]
    public async Task PostEvents_DiskFills_Answers503ThenRecoversWithNothingAcknowledgedLost()
    {
        using var disk = SmallDisk.TryMount(32, out var reason) ?? throw new InvalidOperationException(reason);
        var dataPath = Path.Combine(disk.Path, "data");
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Storage:DataPath"] = dataPath, ["Health:MinimumFreeDiskBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Health:WriterRecentSeconds"] = "1",
        });
        var saved = await host.Services.GetRequiredService<EventDefinitionService>().SaveAsync(
            new EventDefinitionModel { Key = "full.hook", HttpRoute = "full", AuthMode = EventAuthMode.Public }, new Actor("tester"), default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        using var client = host.CreateClient();
        var acknowledged = new List<string>();
        var refused = new List<string>();

        var filler = disk.Fill();
        for (var n = 0; n < 20_000 && refused.Count < 5; n++)
        {
            var id = $"full-{n}";
            using var response = await client.PostAsync("/hooks/full", Event(id));
            switch (response.StatusCode)
            {
                case HttpStatusCode.Accepted:
                    acknowledged.Add(id);
                    break;
                case HttpStatusCode.ServiceUnavailable:
                    Assert.True(response.Headers.RetryAfter is not null, "503 without Retry-After");
                    refused.Add(id);
                    break;
                default:
                    Assert.Fail($"{id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    break;
            }
        }

        output.WriteLine($"acknowledged {acknowledged.Count}, refused {refused.Count} on a full disk");
        Assert.Equal(5, refused.Count);
        var (readyStatus, readyBody) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        output.WriteLine(readyBody);
        Assert.Contains("Unhealthy", readyBody);
        Assert.True(readyBody.Contains("free in the data folder", StringComparison.Ordinal) || readyBody.Contains("disk is full", StringComparison.Ordinal), readyBody);
        Assert.Equal("ok", Scalar(host.DatabasePathIn(dataPath), "PRAGMA integrity_check;"));

        File.Delete(filler);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await ReadyAsync(client)).Status != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "readiness did not recover after space was freed");
            await Task.Delay(200);
        }

        using (var after = await client.PostAsync("/hooks/full", Event("after-recovery")))
        {
            Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        }

        acknowledged.Add("after-recovery");
        var stored = StoredIds(host.DatabasePathIn(dataPath));
        Assert.DoesNotContain(acknowledged, id => !stored.Contains(id));
        Assert.DoesNotContain(refused, stored.Contains);
        Assert.Equal("ok", Scalar(host.DatabasePathIn(dataPath), "PRAGMA integrity_check;"));
    }

    private static StringContent Event(string id) => new(
        JsonSerializer.Serialize(new { specversion = "1.0", id, source = "/disk", type = "com.example.full", data = new { payload = Payload } }),
        Encoding.UTF8, "application/cloudevents+json");

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static HashSet<string> StoredIds(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM events WHERE Source = '/disk';";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}

internal static class DataPathExtensions
{
    public static string DatabasePathIn(this DashboardHost host, string dataPath) => Path.Combine(dataPath, Path.GetFileName(host.DatabasePath));
}
