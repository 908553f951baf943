using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Ingestion;

/// <summary>Ingestion tokens by hash, kept in memory and reloaded when a token is created or revoked.</summary>
public sealed class TokenCache
{
    private readonly ICatalogSource _source;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Dictionary<string, ApiToken>? _byHash;

    public TokenCache(ICatalogSource source, ApiTokenService tokens)
    {
        _source = source;
        tokens.Changed += Invalidate;
    }

    /// <summary>The next lookup reloads the tokens.</summary>
    public void Invalidate() => _byHash = null;

    public async ValueTask<ApiToken?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        var map = _byHash ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
        return map.GetValueOrDefault(ApiTokenService.Hash(secret));
    }

    private async Task<Dictionary<string, ApiToken>> LoadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_byHash is { } loaded)
            {
                return loaded;
            }

            var tokens = await _source.LoadTokensAsync(cancellationToken).ConfigureAwait(false);
            var map = tokens.ToDictionary(t => t.TokenHash, StringComparer.Ordinal);
            _byHash = map;
            return map;
        }
        finally
        {
            _reload.Release();
        }
    }
}
