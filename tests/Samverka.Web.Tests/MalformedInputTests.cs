using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// Malformed input over every API operation, enumerated from the endpoint data source like the
/// authorization matrix (so a new operation is covered the day it is added), sent by the system
/// administrator, who passes every policy: impossible route values, unknown ids, hostile query
/// strings, a missing body, invalid JSON, wrong types, huge and control-character strings, numbers
/// and dates out of range, huge lists. Nothing answers with a server error, and every refusal is
/// an RFC 7807 problem in Swedish.
/// </summary>
public abstract class MalformedInputTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private static readonly string[] ImpossibleNumbers = ["0", "-1", "99999", "2147483647"];
    private static readonly string Hostile = new string('å', 50_000) + "\u0000\u202e<script>" + new string('x', 50_000);
    private static readonly string[] EnglishTitles = ["Bad Request", "Not Found", "Unsupported Media Type", "Content Too Large", "Payload Too Large", "Forbidden", "Conflict"];

    private sealed record Attempt(string Method, string Url, string What, Func<HttpContent?> Body);

    [Fact]
    public async Task No_malformed_request_makes_a_server_error_and_every_refusal_is_a_Swedish_problem()
    {
        var admin = await App.ApiAsync(Demo.SystemAdmin);
        var attempts = App.Endpoints().Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).SelectMany(Attempts).ToList();
        Assert.True(attempts.Count > 500, $"only {attempts.Count} attempts: the enumeration is broken");

        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var a in attempts)
        {
            using var request = new HttpRequestMessage(new HttpMethod(a.Method), a.Url) { Content = a.Body() };
            using var response = await admin.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync(Ct);
            var where = $"{a.Method} {a.Url[..Math.Min(a.Url.Length, 120)]} ({a.What}) → {status}";
            if (status >= 500)
            {
                failures.Add($"{where}: {body[..Math.Min(body.Length, 300)]}");
            }
            else if (status >= 400)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{where}: not a problem ({response.Content.Headers.ContentType?.MediaType ?? "no body"})");
                }
                else if (JsonDocument.Parse(body).RootElement.TryGetProperty("title", out var title) && EnglishTitles.Contains(title.GetString()))
                {
                    failures.Add($"{where}: English title \"{title.GetString()}\"");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {attempts.Count} requests failed ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}):\n"
            + string.Join("\n", failures.Take(40)));
    }

    private static IEnumerable<Attempt> Attempts(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
        var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
        var parameters = endpoint.RoutePattern.Parameters;
        var numbers = parameters.Where(IsNumber).ToList();

        // Route values: an unknown id everywhere, then each number out of range in turn.
        var urls = new List<(string Url, string What)> { (Routes.Url(endpoint.RoutePattern, p => Value(p, null)), "okänt id") };
        foreach (var number in numbers)
        {
            urls.AddRange(ImpossibleNumbers.Select(n => (Routes.Url(endpoint.RoutePattern, p => Value(p, p == number ? n : null)), $"{number.Name}={n}")));
        }

        foreach (var method in methods)
        {
            foreach (var (url, what) in urls)
            {
                if (method is "GET" or "DELETE")
                {
                    yield return new(method, url, what, () => null);
                    yield return new(method, url + "?page=-5&pageSize=999999&year=0&quarter=9&until=0001-01-01&kind=Ok%C3%A4nd&q=" + Uri.EscapeDataString(Hostile[49_990..50_020]), $"{what}, fientlig frågesträng", () => null);
                    continue;
                }

                yield return new(method, url, $"{what}, ingen kropp", () => null);
                if (accepts?.ContentTypes.Contains("multipart/form-data") == true)
                {
                    yield return new(method, url, $"{what}, tomt formulär", () => new MultipartFormDataContent());
                    yield return new(method, url, $"{what}, polyglott", () => new MultipartFormDataContent
                    {
                        { new StringContent("Okänd"), "kind" }, { new StringContent("0"), "year" }, { new StringContent("inte-ett-id"), "version" },
                        { new ByteArrayContent("%PDF-<html><script>alert(1)</script></html>"u8.ToArray()), "file", "z\u202efdp.pdf" },
                    });
                    continue;
                }

                if (urls[0].Url != url)
                {
                    // Out-of-range route values with a plausible body.
                    yield return new(method, url, what, () => Json("{}"));
                    continue;
                }

                yield return new(method, url, "ogiltig JSON", () => Json("{ inte json"));
                yield return new(method, url, "en lista i stället för ett objekt", () => Json("[1, 2]"));
                yield return new(method, url, "JSON som text", () => new StringContent("{}", Encoding.UTF8, "text/plain"));
                if (accepts?.RequestType is { } type)
                {
                    yield return new(method, url, "fel typer", () => Json(Object(type, WrongType).ToJsonString()));
                    yield return new(method, url, "ytterlighetsvärden", () => Json(Object(type, Extreme).ToJsonString()));
                    yield return new(method, url, "ytterlighetsvärden, andra änden", () => Json(Object(type, OtherExtreme).ToJsonString()));
                }
            }
        }
    }

    private static bool IsNumber(RoutePatternParameterPart p) => p.ParameterPolicies.Any(x => x.Content is "int" or "long");

    private static string Value(RoutePatternParameterPart p, string? number) => p.Name switch
    {
        _ when IsNumber(p) => number ?? "2026",
        "key" => "okand-kommun",
        "entityType" => "Okänd",
        _ => Guid.NewGuid().ToString(),
    };

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static JsonObject Object(Type type, Func<Type, JsonNode?> value)
    {
        var o = new JsonObject();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            o[JsonNamingPolicy.CamelCase.ConvertName(p.Name)] = value(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType);
        }

        return o;
    }

    private static JsonNode? WrongType(Type t) => t == typeof(string) ? JsonValue.Create(12345) : JsonValue.Create("inte rätt typ");

    private static JsonNode? Extreme(Type t) => t switch
    {
        _ when t == typeof(string) => JsonValue.Create(Hostile),
        _ when t == typeof(int) || t == typeof(long) || t == typeof(short) => JsonNode.Parse("99999999999999999999"),
        _ when t == typeof(decimal) || t == typeof(double) => JsonNode.Parse("1e300"),
        _ when t == typeof(DateOnly) => JsonValue.Create("0001-01-01"),
        _ when t == typeof(DateTimeOffset) || t == typeof(DateTime) => JsonValue.Create("0001-01-01T00:00:00+14:00"),
        _ when t == typeof(Guid) => JsonValue.Create(Guid.Empty),
        _ when t == typeof(bool) => JsonValue.Create(true),
        _ when t.IsEnum => JsonValue.Create(int.MaxValue),
        _ when t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>) => new JsonObject(),
        _ when t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) => new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => Element(t.GetGenericArguments()[0]))]),
        _ when t.IsClass => Object(t, Extreme),
        _ => null,
    };

    private static JsonNode? OtherExtreme(Type t) => t switch
    {
        _ when t == typeof(string) => JsonValue.Create(" \t\u0000 "),
        _ when t == typeof(int) || t == typeof(long) || t == typeof(short) => JsonValue.Create(-2147483648),
        _ when t == typeof(decimal) || t == typeof(double) => JsonValue.Create(-79228162514264337593543950335m),
        _ when t == typeof(DateOnly) => JsonValue.Create("9999-12-31"),
        _ when t == typeof(DateTimeOffset) || t == typeof(DateTime) => JsonValue.Create("9999-12-31T23:59:59-14:00"),
        _ when t.IsEnum => JsonValue.Create(0),
        _ when t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) => new JsonArray(),
        _ when t.IsClass && t != typeof(string) => new JsonObject(),
        _ => null,
    };

    private static JsonNode? Element(Type t) => t == typeof(string) ? JsonValue.Create("x") : t.IsClass ? Object(t, OtherExtreme) : Extreme(t);
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMalformedInputTests(SqliteApp app) : MalformedInputTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMalformedInputTests(PostgresApp app) : MalformedInputTests<PostgresApp>(app);
