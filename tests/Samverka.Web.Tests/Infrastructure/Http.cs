using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Seeding;

namespace Samverka.Web.Tests.Infrastructure;

/// <summary>Talking to the app as a person (cookies, forms, antiforgery, second factor) or as an integration (token).</summary>
public static partial class Http
{
    public static HttpClient Browser(this SamverkaApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in form, with the second factor for administrators.</summary>
    public static async Task<HttpClient> SignInAsync(this SamverkaApp app, string email, string password = DemoData.Password)
    {
        var client = app.Browser();
        var response = await client.PostFormAsync("/logga-in", ("Input.Email", email), ("Input.Password", password));
        if (response.Headers.Location?.OriginalString.StartsWith("/logga-in/tvastegs", StringComparison.Ordinal) == true)
        {
            response = await client.PostFormAsync(response.Headers.Location.OriginalString, ("Input.Code", Totp(DemoData.AuthenticatorKey)));
        }

        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/",
            $"Sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static string Totp(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(DateTime.UtcNow);

    /// <summary>GETs the form page for its antiforgery token, then posts the fields with it, as a browser does.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, params (string Name, string Value)[] fields) =>
        client.PostFormFromAsync(url, url, fields);

    /// <summary>Posts to <paramref name="url"/> the way the form on <paramref name="formPage"/> does.</summary>
    public static async Task<HttpResponseMessage> PostFormFromAsync(this HttpClient client, string formPage, string url, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(client, formPage);
        return await client.PostAsync(url, new FormUrlEncodedContent(
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token))));
    }

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url = "/")
    {
        var html = await client.GetStringAsync(url.Split('?')[0]);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {url}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>An API client authenticated with a new personal access token of the given demo account.</summary>
    public static async Task<HttpClient> ApiAsync(this SamverkaApp app, string email)
    {
        var userId = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().ActAs(CurrentUser.System);
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(userId, "test", 1, CancellationToken.None);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public static class Demo
{
    public const string SystemAdmin = "admin@samverka.example";
    public const string MunicipalAdmin = "kommunadmin@stenungsund.example";
    public const string Official = "handlaggare@stenungsund.example";
    public const string CommitteeMember = "ledamot@stenungsund.example";
    public const string Auditor = "revisor@stenungsund.example";
    public const string OrganisationRep = "ordforande@soraker.example";
    public const string OtherMunicipalityOfficial = "handlaggare@soderhamn.example";
    public const string OtherMunicipalAdmin = "kommunadmin@soderhamn.example";
    public const string TimraOfficial = "handlaggare@timra.example";
    public const string Soraker = "802011-2341";
    public const string StenungsundIf = "802435-6787";
}
