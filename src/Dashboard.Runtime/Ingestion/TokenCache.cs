using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Ingestion;

/// <summary>Ingestion tokens by hash, kept in memory and reloaded when a token is created or revoked.</summary>
public sealed class TokenCache
{
    private readonly IDbContextFactory<DashboardDbContext> _dbFactory;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Dictionary<string, ApiToken>? _byHash;

    public TokenCache(IDbContextFactory<DashboardDbContext> dbFactory, ApiTokenService tokens)
    {
        _dbFactory = dbFactory;
        tokens.Changed += () => _byHash = null;
    }

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

            await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var map = await db.ApiTokens.AsNoTracking().ToDictionaryAsync(t => t.TokenHash, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
            _byHash = map;
            return map;
        }
        finally
        {
            _reload.Release();
        }
    }
}
