using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Samverka.Web.Tests.Infrastructure;

/// <summary>Every endpoint the app maps, found from its endpoint data source, and a URL for one with its parameters filled.</summary>
public static class Routes
{
    public static IEnumerable<RouteEndpoint> Endpoints(this SamverkaApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    /// <summary>The endpoint's URL with each route parameter replaced by <paramref name="fill"/>'s value for it.</summary>
    public static string Url(RoutePattern pattern, Func<RoutePatternParameterPart, string> fill) =>
        "/" + string.Join("/", pattern.PathSegments
            .Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart parameter => fill(parameter),
                _ => "",
            })))
            .Where(s => s.Length > 0));
}
