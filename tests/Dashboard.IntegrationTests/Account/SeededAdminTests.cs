using System.Net;
using Dashboard.Runtime.Access;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Account;

public sealed class SeededAdminTests
{
    [Fact]
    public async Task AdminApiToken_FromConfiguration_IsAcceptedByTheApi()
    {
        var secret = "seeded-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);

        using var withToken = host.CreateBearerClient(secret);
        using var wrongToken = host.CreateBearerClient(secret + "x");
        using var anonymous = host.CreateClient();

        using var ok = await withToken.GetAsync("/api/event-definitions");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongToken.GetAsync("/api/event-definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/event-definitions")).StatusCode);
    }

    [Fact]
    public async Task AdminUser_FromConfiguration_CanSignIn()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        Assert.Null(host.SetupCode());

        using var client = await host.CreateSignedInClientAsync();
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Secrets_FromConfiguration_AreStoredOnlyAsHashes()
    {
        var secret = "seeded-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);
        using (var client = host.CreateBearerClient(secret))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/event-definitions")).StatusCode);
        }

        using var db = SqliteFile.Open(host.DatabasePath);
        var tables = SqliteFile.Rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => (string)r[0]!).ToList();
        var leaks = new List<string>();
        foreach (var table in tables)
        {
            foreach (var row in SqliteFile.Rows(db, $"SELECT * FROM \"{table}\""))
            {
                if (row.OfType<string>().Any(v => v.Contains(secret, StringComparison.Ordinal) || v.Contains(DashboardHost.AdminPassword, StringComparison.Ordinal)))
                {
                    leaks.Add(table);
                }
            }
        }

        Assert.Empty(leaks);
        Assert.Equal(ApiTokenService.Hash(secret), SqliteFile.Scalar(db, "SELECT TokenHash FROM api_tokens"));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal) || line.Contains(DashboardHost.AdminPassword, StringComparison.Ordinal));
    }
}
