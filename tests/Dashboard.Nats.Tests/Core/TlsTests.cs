using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.Core;

public sealed class TlsTests
{
    [Fact]
    public async Task ConnectAsync_ServerRequiresTls_UpgradesAndExchangesMessages()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var folder = Directory.CreateTempSubdirectory("nats-tls-").FullName;
        try
        {
            var certPath = Path.Combine(folder, "cert.pem");
            var keyPath = Path.Combine(folder, "key.pem");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());
            await using var server = await NatsServerProcess.StartAsync(["--tls", "--tlscert", certPath, "--tlskey", keyPath]);
            var thumbprint = certificate.Thumbprint;
            await using var connection = new NatsConnection(TestOptions.Fast with
            {
                Url = server.Url,
                TlsOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == thumbprint,
                },
            });

            await connection.ConnectAsync();
            await using var subscription = await connection.SubscribeAsync("secure");
            await connection.PublishAsync("secure", "over tls"u8.ToArray());
            var msg = await Eventually.NextAsync(subscription);

            Assert.True(connection.ServerInfo!.TlsRequired);
            Assert.Equal("over tls"u8.ToArray(), msg.Data.ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
