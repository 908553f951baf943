using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// Standard Webhooks signatures: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c>
/// (space-separated, any may match), the timestamp within the tolerance, and each <c>webhook-id</c> accepted once
/// (kept in the store by <see cref="WebhookIdStore"/> for the tolerance window, so replays fail after a restart too).
/// </summary>
public sealed class HmacVerifier(TimeProvider clock, IOptions<IngestionOptions> options, WebhookIdStore seenIds)
{
    private const string SecretPrefix = "whsec_";

    /// <summary>A <c>whsec_</c> secret is base64 key material (as Standard Webhooks issues them); any other text is used as UTF-8.</summary>
    public static byte[] KeyFromSecret(string secret)
    {
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromBase64String(secret[SecretPrefix.Length..]);
            }
            catch (FormatException)
            {
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Null when the signature is valid, fresh and not a replay; otherwise why not.</summary>
    public async ValueTask<string?> VerifyAsync(
        long definitionId, byte[] key, string? id, string? timestamp, string? signatures, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (Check(key, id, timestamp, signatures, body.Span) is { } problem)
        {
            return problem;
        }

        var seconds = long.Parse(timestamp!, NumberStyles.None, CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var fresh = await seenIds.TryRecordAsync(definitionId, id!, seconds + options.Value.SignatureToleranceSeconds, now, cancellationToken).ConfigureAwait(false);
        return fresh ? null : "replayed signature: this webhook-id was already accepted";
    }

    private string? Check(byte[] key, string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return "missing signature: webhook-id, webhook-timestamp and webhook-signature headers are required";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "invalid webhook-timestamp: expected Unix seconds";
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var tolerance = options.Value.SignatureToleranceSeconds;
        if (Math.Abs(now - seconds) > tolerance)
        {
            return $"webhook-timestamp is more than {tolerance} s from the server clock";
        }

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        Span<byte> expected = stackalloc byte[32];
        hmac.GetHashAndReset(expected);

        var matched = false;
        Span<byte> candidate = stackalloc byte[64];
        foreach (var part in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(part[3..], candidate, out var written)
                && written == 32
                && CryptographicOperations.FixedTimeEquals(candidate[..32], expected))
            {
                matched = true;
            }
        }

        return matched ? null : "invalid signature";
    }
}
