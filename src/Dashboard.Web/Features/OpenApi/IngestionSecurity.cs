using Dashboard.Data.Entities;
using Microsoft.OpenApi;

namespace Dashboard.Web.Features.OpenApi;

/// <summary>The credentials the app accepts: API tokens (header or query) and Standard Webhooks signatures.</summary>
internal static class IngestionSecurity
{
    public const string Bearer = "bearer";
    public const string QueryToken = "accessToken";
    public const string Signature = "webhookSignature";

    public static void AddSchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "An API token as `Authorization: Bearer <token>`. Send one credential per request.",
        };
        document.Components.SecuritySchemes[QueryToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "access_token",
            Description = "An API token as the access_token query parameter (CloudEvents webhook spec), instead of the header.",
        };
        document.Components.SecuritySchemes[Signature] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "webhook-signature",
            Description = "Standard Webhooks: `v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\">` with the definition's secret, "
                + "sent with webhook-id and webhook-timestamp (Unix seconds, within 5 minutes); a webhook-id is accepted once.",
        };
    }

    /// <summary>Either token form for token definitions, the signature for HMAC ones, nothing for public ones.</summary>
    public static List<OpenApiSecurityRequirement>? For(EventAuthMode auth, OpenApiDocument document) => auth switch
    {
        EventAuthMode.Token => [Requirement(Bearer, document), Requirement(QueryToken, document)],
        EventAuthMode.Hmac => [Requirement(Signature, document)],
        _ => null,
    };

    public static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
