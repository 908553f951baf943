using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// Ingestion tokens by hash, kept in memory and reloaded when a token is created or revoked. When a reload finds its
/// source unavailable (a worker whose owner does not answer) and tokens were loaded before, those go on serving and the
/// reload is tried again after <see cref="CatalogRetry.Interval"/>, as the definition catalog does.
/// </summary>
public sealed class TokenCache
{
    private readonly ICatalogSource _source;
    private readonly CatalogRetry _retry;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Dictionary<string, ApiToken>? _byHash;
    private volatile Dictionary<string, ApiToken>? _last;

    public TokenCache(ICatalogSource source, ApiTokenService tokens, TimeProvider clock)
    {
        _source = source;
        _retry = new CatalogRetry(clock);
        tokens.Changed += Invalidate;
    }

    /// <summary>The next lookup reloads the tokens.</summary>
    public void Invalidate() => _byHash = null;

    public async ValueTask<ApiToken?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        var map = _byHash ?? (_last is { } last && _retry.Waiting ? last : await LoadAsync(cancellationToken).ConfigureAwait(false));
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

            if (_last is { } kept && _retry.Waiting)
            {
                return kept;
            }

            IReadOnlyList<ApiToken> tokens;
            try
            {
                tokens = await _source.LoadTokensAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (EventStoreUnavailableException) when (_last is { } last)
            {
                _retry.Failed();
                return last;
            }

            var map = tokens.ToDictionary(t => t.TokenHash, StringComparer.Ordinal);
            _retry.Succeeded();
            _last = map;
            _byHash = map;
            return map;
        }
        finally
        {
            _reload.Release();
        }
    }
}
