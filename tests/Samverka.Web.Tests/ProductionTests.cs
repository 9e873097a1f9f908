using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverka.Domain.Common;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>A host in the Production environment (with the demo seed switched on, to prove it is ignored) and low rate limits.</summary>
public sealed class ProductionApp() : SamverkaApp(DatabaseProvider.Sqlite)
{
    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:SignInPerMinute"] = "8",
        ["RateLimiting:ApiPerMinute"] = "5",
    };
}

[CollectionDefinition(Name)]
public sealed class ProductionCollection : ICollectionFixture<ProductionApp>
{
    public const string Name = "Production";
}

[Collection(ProductionCollection.Name)]
public sealed class ProductionTests(ProductionApp app) : AppTests<ProductionApp>(app)
{
    private HttpClient Https() => App.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://samverka.example"), AllowAutoRedirect = false, HandleCookies = true,
    });

    [Fact]
    public async Task No_demo_accounts_or_data_exist_outside_Development()
    {
        Assert.Equal(0, await App.WithDbAsync(db => db.Users.CountAsync(Ct)));
        Assert.Equal(0, await App.WithDbAsync(db => db.Municipalities.CountAsync(Ct)));
    }

    [Fact]
    public async Task Cookies_are_Host_prefixed_and_secure_HSTS_is_a_year_and_sign_in_is_rate_limited()
    {
        await App.WithDbAsync(async db =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().ActAs(CurrentUser.System);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var result = await users.CreateAsync(new ApplicationUser
            {
                UserName = "revisor@kommun.example", Email = "revisor@kommun.example", DisplayName = "Revisor", Role = Role.Auditor,
            }, "revisionen granskar allt noggrant");
            Assert.True(result.Succeeded);
        });

        var client = Https();
        var page = await client.GetAsync("/logga-in", Ct);
        Assert.Equal("max-age=31536000; includeSubDomains", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-samverka.af=", StringComparison.Ordinal) && c.Contains("secure"));

        var signIn = await client.PostFormAsync("/logga-in", ("Input.Email", "revisor@kommun.example"), ("Input.Password", "revisionen granskar allt noggrant"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-samverka=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("path=/", cookie);
        Assert.DoesNotContain("domain=", cookie);

        // 8 sign-in requests a minute from one address; the rest get 429.
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await Https().GetAsync("/logga-in", Ct));
        }

        // A browser is told in Swedish, on a page, not with JSON.
        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("För många försök", await limited.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_API_answers_429_with_a_problem_when_a_client_calls_too_often()
    {
        await App.WithDbAsync(async db =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().ActAs(CurrentUser.System);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.CreateAsync(new ApplicationUser
            {
                UserName = "integration@kommun.example", Email = "integration@kommun.example", DisplayName = "Integration", Role = Role.Auditor,
            }, "integrationen hämtar data varje natt")).Succeeded);
        });
        var api = await App.ApiAsync("integration@kommun.example");
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
        {
            responses.Add(await api.GetAsync("/api/v1/me", Ct));
        }

        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        var limited = responses.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }
}
