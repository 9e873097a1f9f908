using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// The OpenAPI document says what each operation really binds. It does not depend on the
/// database, so it runs once, on SQLite.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ApiDescriptionTests(SqliteApp app) : AppTests<SqliteApp>(app)
{
    [Fact]
    public async Task Every_JSON_body_is_documented_with_the_fields_of_the_type_it_binds()
    {
        using var document = JsonDocument.Parse(await App.CreateClient().GetStringAsync("/openapi/v1.json", Ct));
        var paths = document.RootElement.GetProperty("paths");
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var names = new HashSet<string>();
        var compared = 0;
        foreach (var endpoint in App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { RequestType: { } bound } accepts
                || !accepts.ContentTypes.Contains("application/json"))
            {
                continue;
            }

            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            var path = Regex.Replace("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), @"\{([^}:=?]+)[^}]*\}", "{$1}");
            path = path.Length > 1 ? path.TrimEnd('/') : path;
            var where = $"{method.ToUpperInvariant()} {path}";
            var operation = paths.TryGetProperty(path, out var operations) && operations.TryGetProperty(method, out var found) ? found
                : throw new Xunit.Sdk.XunitException($"{where} is not documented");
            Assert.True(operation.TryGetProperty("requestBody", out var body), $"{where} documents no request body");
            var schema = body.GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.True(schema.TryGetProperty("$ref", out var reference), $"{where}: {schema}");
            var name = reference.GetString()!.Split('/')[^1];
            var documented = schemas.GetProperty(name).TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
            var fields = bound.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet();
            Assert.True(documented.SetEquals(fields),
                $"{method.ToUpperInvariant()} {path} binds {bound.FullName} ({string.Join(", ", fields.Order())}) but documents {name} ({string.Join(", ", documented.Order())})");
            names.Add(name);
            compared++;
        }

        Assert.True(compared > 40, $"only {compared} operations with a JSON body were found");
        Assert.Contains("SteeringMeetingInput", names);
        Assert.Contains("CasesMeetingInput", names);
    }
}
