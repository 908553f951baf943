using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dashboard.IntegrationTests.Ingestion;
using Dashboard.IntegrationTests.Telemetry;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Backup;

public sealed class BackupTests
{
    private const string Token = "backup-admin-token-0123456789abcdef";

    [Fact]
    public async Task PostBackup_UnderIngestLoad_RestoredCopyHoldsEveryEventAcknowledgedBeforeItBegan()
    {
        await using var host = await DashboardHost.StartWithAdminAsync(Token);
        await RoutedWorkflow.CreateAsync(host, "loaded", "loaded-flow");
        var acknowledged = new ConcurrentQueue<(string Id, long At)>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(() => PostUntilStoppedAsync(host, worker, acknowledged, stop.Token))).ToArray();
        await WaitUntilAsync(() => acknowledged.Count >= 200);

        var backupStarted = Stopwatch.GetTimestamp();
        using var admin = host.CreateBearerClient(Token);
        using var response = await admin.PostAsync("/api/backup", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var backup = (await response.Content.ReadFromJsonAsync<BackupBody>())!;
        var countAtBackupEnd = acknowledged.Count;
        await WaitUntilAsync(() => acknowledged.Count >= countAtBackupEnd + 50);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var before = acknowledged.Where(a => a.At < backupStarted).Select(a => a.Id).ToList();
        Assert.True(before.Count >= 200);
        Assert.True(acknowledged.Any(a => a.At > backupStarted), "Ingestion must go on while and after the backup runs.");
        Assert.True(File.Exists(backup.Path), backup.Path);
        Assert.True(backup.Events >= before.Count);
        Assert.NotNull(backup.KeysPath);

        // Restore as the operations guide says: the backup becomes dashboard.db of a new data folder, keys beside it.
        var restored = Path.Combine(Path.GetTempPath(), "dashboard-tests", "restored-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(restored);
        try
        {
            File.Copy(backup.Path, Path.Combine(restored, "dashboard.db"));
            CopyFolder(backup.KeysPath!, Path.Combine(restored, "keys"));
            await using (var second = await DashboardHost.StartAsync(new Dictionary<string, string> { ["Storage:DataPath"] = restored }))
            {
                using var client = second.CreateClient();
                using var ready = await client.GetAsync("/healthz/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                using var duplicate = await client.PostAsync("/hooks/loaded", RoutedWorkflow.Event(before[0]));
                Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
            }

            var stored = StoredIds(Path.Combine(restored, "dashboard.db"));
            var missing = before.Where(id => !stored.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {before.Count} acknowledged events are missing from the restored copy, e.g. {string.Join(", ", missing.Take(5))}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(restored, recursive: true);
        }
    }

    [Fact]
    public async Task BackupSwitch_WhileTheAppRuns_WritesACheckedCopyAndExits()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        await RoutedWorkflow.CreateAsync(host, "cli", "cli-flow");
        using var client = host.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            using var posted = await client.PostAsync("/hooks/cli", RoutedWorkflow.Event($"cli-{i}"));
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        var destination = Path.Combine(host.DataPath, "cli-backup", "copy.db");
        var start = new ProcessStartInfo(AppProcess.ExecutablePath)
        {
            WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "--backup", destination, $"--Storage:DataPath={host.DataPath}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output} {errors}");
        Assert.Contains("Backup written", output);
        var ids = StoredIds(destination);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Contains($"cli-{i}", ids));
    }

    [Fact]
    public async Task PostBackup_AsViewer_IsForbidden()
    {
        await using var host = await DashboardHost.StartWithAdminAsync(Token);
        var viewer = await host.Services.GetRequiredService<Dashboard.Runtime.Access.ApiTokenService>().CreateAsync(
            new Dashboard.Runtime.Access.ApiTokenService.TokenRequest("viewer", Dashboard.Data.Entities.ApiTokenRole.Viewer, Dashboard.Data.Entities.TokenScopeKind.All, null, null),
            new Dashboard.Runtime.Common.Actor("tester"), default);
        using var client = host.CreateBearerClient(viewer.Created!.Secret);
        using var response = await client.PostAsync("/api/backup", null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(host.DataPath, "backups")));
    }

    private static async Task PostUntilStoppedAsync(DashboardHost host, int worker, ConcurrentQueue<(string, long)> acknowledged, CancellationToken stop)
    {
        using var client = host.CreateClient();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var id = $"w{worker}-{n}";
            using var response = await client.PostAsync("/hooks/loaded", RoutedWorkflow.Event(id), CancellationToken.None);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            acknowledged.Enqueue((id, Stopwatch.GetTimestamp()));
        }
    }

    private static HashSet<string> StoredIds(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "SELECT Id FROM events WHERE Source = '/telemetry';";
        using var reader = check.ExecuteReader();
        var ids = new HashSet<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the load.");
            await Task.Delay(50);
        }
    }

    private sealed record BackupBody(string Path, long Bytes, long Events, double DurationMilliseconds, string? KeysPath);
}
