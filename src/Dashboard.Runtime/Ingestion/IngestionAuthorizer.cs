using Dashboard.Data.Entities;
using Dashboard.Data.Events;

namespace Dashboard.Runtime.Ingestion;

/// <summary>Checks a request against a definition's auth policy: bearer or query token, Standard Webhooks HMAC, or public.</summary>
public sealed class IngestionAuthorizer(TokenCache tokens, HmacVerifier hmac, TimeProvider clock)
{
    /// <summary>Status is 0 when allowed, else 400 (two credentials), 401 or 403 with the reason; TokenId names the token presented, if known.</summary>
    public sealed record Decision(int Status, string? Reason, long? TokenId, TokenUse? Use)
    {
        public bool Allowed => Status == 0;

        /// <summary>What was checked and how it went, for the routing trace (which token or signature, or why not).</summary>
        public string Summary { get; init; } = Reason ?? "authorized";
    }

    public async ValueTask<Decision> AuthorizeAsync(DefinitionCatalog.Definition definition, IngestionRequest request, CancellationToken cancellationToken)
    {
        if (request.TrustedInitiator is { } initiator)
        {
            return new(0, null, null, null) { Summary = $"trusted sender '{initiator}' (signed in or internal): no credentials checked" };
        }

        if (definition.Auth == EventAuthMode.Public)
        {
            return new(0, null, null, null) { Summary = "public definition: no credentials required" };
        }

        if (request.Authorized is { Allowed: true } earlier)
        {
            return earlier;
        }

        if (definition.Auth == EventAuthMode.Hmac)
        {
            if (definition.HmacKey is null)
            {
                return new(403, "the definition has no HMAC secret configured", null, null) { Summary = "HMAC: the definition has no secret configured" };
            }

            var reason = await hmac.VerifyAsync(definition.Id, definition.HmacKey, Header(request, "webhook-id"), Header(request, "webhook-timestamp"),
                Header(request, "webhook-signature"), request.Body, cancellationToken).ConfigureAwait(false);
            return reason is null
                ? new(0, null, null, null) { Summary = $"HMAC-SHA256 signature verified (Standard Webhooks, webhook-id '{Header(request, "webhook-id")}')" }
                : new(401, reason, null, null) { Summary = $"HMAC (Standard Webhooks): {reason}" };
        }

        // RFC 6750 section 2: a request uses one method of sending its token.
        var header = Header(request, "authorization");
        if ((header is not null && request.QueryToken is not null) || request.QueryTokenRepeated || (header?.Contains(',', StringComparison.Ordinal) ?? false))
        {
            return new(400, "more than one credential: send one token, either Authorization: Bearer or ?access_token=", null, null);
        }

        var secret = BearerToken(request) ?? request.QueryToken;
        if (string.IsNullOrEmpty(secret))
        {
            return new(401, "missing token: send Authorization: Bearer <token> or ?access_token=", null, null);
        }

        var token = await tokens.FindAsync(secret, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (token is null)
        {
            return new(401, "invalid token", null, null);
        }

        var failed = new TokenUse(token.Id, now, Failed: true);
        if (token.RevokedAt is not null)
        {
            return new(401, $"token '{token.Name}' is revoked", token.Id, failed);
        }

        if (token.ExpiresAt is { } expires && expires <= now)
        {
            return new(401, $"token '{token.Name}' expired", token.Id, failed);
        }

        if (token.Role == ApiTokenRole.Viewer)
        {
            return new(403, $"token '{token.Name}' is read-only and cannot send events", token.Id, failed);
        }

        var inScope = token.ScopeKind switch
        {
            TokenScopeKind.All => true,
            TokenScopeKind.EventDefinition => token.ScopeTargetId == definition.Id,
            TokenScopeKind.Workflow => definition.Workflows.Any(w => w.Id == token.ScopeTargetId),
            _ => false,
        };
        return inScope
            ? new(0, null, token.Id, new TokenUse(token.Id, now, Failed: false))
            {
                Summary = $"token '{token.Name}' (#{token.Id}) from {(request.QueryToken is null ? "Authorization: Bearer" : "?access_token=")}",
            }
            : new(403, $"token '{token.Name}' is not allowed for '{definition.Key}'", token.Id, failed);
    }

    private static string? BearerToken(IngestionRequest request)
    {
        var header = Header(request, "authorization");
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static string? Header(IngestionRequest request, string name)
    {
        foreach (var (key, value) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
