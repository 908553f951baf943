using System.Text.Json.Serialization;

namespace Dashboard.Web.Features.Api;

/// <summary>Settings shared by every REST API group under <c>/api</c>.</summary>
public static class ApiFeature
{
    /// <summary>Enums travel as their names ("Http", "Admin"), which is what the definitions and YAML use too.</summary>
    public static IServiceCollection AddDashboardApi(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
}
