using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>The module's connection setup (<see cref="NatsConnectionFactory"/>) from Eventing:Nats options, against a real nats-server.</summary>
public sealed class NatsConnectionSetupTests
{
    [Fact]
    public async Task ConnectAsync_TokenServer_RightTokenConnectsWrongTokenFailsClearly()
    {
        await using var server = await NatsTestServer.StartNewAsync(["--auth", "s3cret-token"]);

        await using var good = await ConnectAsync(new NatsEventingOptions { Url = server.Url, Token = "s3cret-token" });
        var error = await Assert.ThrowsAnyAsync<NatsException>(() => ConnectAsync(new NatsEventingOptions { Url = server.Url, Token = "wrong" }));

        Assert.Equal(NatsConnectionState.Open, good.ConnectionState);
        Assert.True(good.ServerInfo!.AuthRequired);
        Assert.Contains("Authorization Violation", Flatten(error), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConnectAsync_UserPasswordServer_RightCredentialsConnectWrongPasswordFails()
    {
        await using var server = await NatsTestServer.StartNewAsync(["--user", "app", "--pass", "pa55"]);

        await using var good = await ConnectAsync(new NatsEventingOptions { Url = server.Url, User = "app", Password = "pa55" });
        await using var fromUrl = await ConnectAsync(new NatsEventingOptions { Url = $"nats://app:pa55@127.0.0.1:{server.Port}" });
        var error = await Assert.ThrowsAnyAsync<NatsException>(() => ConnectAsync(new NatsEventingOptions { Url = server.Url, User = "app", Password = "nope" }));

        Assert.Equal(NatsConnectionState.Open, good.ConnectionState);
        Assert.Equal(NatsConnectionState.Open, fromUrl.ConnectionState);
        Assert.Contains("Authorization Violation", Flatten(error), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConnectAsync_ServerRequiresTls_TrustsTheConfiguredCaAndExchangesMessages()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var folder = Directory.CreateTempSubdirectory("dashboard-nats-tls-").FullName;
        try
        {
            var certPath = Path.Combine(folder, "cert.pem");
            var keyPath = Path.Combine(folder, "key.pem");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());
            await using var server = await NatsTestServer.StartNewAsync(["--tls", "--tlscert", certPath, "--tlskey", keyPath]);

            await using var connection = await ConnectAsync(new NatsEventingOptions { Url = server.Url, TlsCaFile = certPath });
            await using var subscription = await connection.SubscribeCoreAsync<byte[]>("secure");
            await connection.PublishAsync("secure", "over tls"u8.ToArray());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var msg = await subscription.Msgs.ReadAsync(timeout.Token);

            Assert.True(connection.ServerInfo!.TlsRequired);
            Assert.Equal("over tls", Encoding.UTF8.GetString(msg.Data!));
            await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(new NatsEventingOptions { Url = server.Url }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsNamingTheServer()
    {
        await using var server = NatsTestServer.Create();

        var error = await Assert.ThrowsAnyAsync<NatsException>(() => ConnectAsync(new NatsEventingOptions { Url = server.Url }));

        Assert.Contains($"{server.Port}", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_FirstUrlDown_ConnectsToTheNextServer()
    {
        await using var down = NatsTestServer.Create();
        await using var up = await NatsTestServer.StartNewAsync();

        await using var connection = await ConnectAsync(new NatsEventingOptions { Url = $"{down.Url},{up.Url}" });

        Assert.Equal(NatsConnectionState.Open, connection.ConnectionState);
        Assert.Equal(up.Port, connection.ServerInfo!.Port);
    }

    private static Task<NatsConnection> ConnectAsync(NatsEventingOptions options) =>
        NatsConnectionFactory.ConnectAsync(options, NullLoggerFactory.Instance, CancellationToken.None);

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
