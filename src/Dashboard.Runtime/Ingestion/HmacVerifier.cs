using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// Standard Webhooks signatures: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c>
/// (space-separated, any may match), the timestamp within the tolerance, and each <c>webhook-id</c> accepted once.
/// </summary>
public sealed class HmacVerifier(TimeProvider clock, IOptions<IngestionOptions> options)
{
    private const string SecretPrefix = "whsec_";
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

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

    /// <summary>Null when the signature is valid and fresh; otherwise why not.</summary>
    public string? Verify(long definitionId, byte[] key, string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body)
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

        if (!matched)
        {
            return "invalid signature";
        }

        var replayKey = $"{definitionId}:{id}";
        if (!_seen.TryAdd(replayKey, seconds + tolerance))
        {
            return "replayed signature: this webhook-id was already accepted";
        }

        Purge(now);
        return null;
    }

    private void Purge(long now)
    {
        if (_seen.Count < 10_000)
        {
            return;
        }

        foreach (var (key, expiry) in _seen)
        {
            if (expiry < now)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
