using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Cli;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

public abstract class SignInTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    [Fact]
    public async Task Anonymous_start_page_explains_the_system_in_Swedish()
    {
        var html = await App.Browser().GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"sv\">", html);
        Assert.Contains("idéburet offentligt partnerskap", html);
        Assert.Contains("href=\"/logga-in\"", html);
        Assert.Contains("href=\"/tillganglighet\"", html);
    }

    [Theory]
    [InlineData(Demo.SystemAdmin, "Systemadministratör", "saknar kommunadministratör")]
    [InlineData(Demo.MunicipalAdmin, "Kommunadministratör", "Stenungsunds kommun")]
    [InlineData(Demo.Official, "Handläggare", "Stenungsunds kommun")]
    [InlineData(Demo.CommitteeMember, "Nämndledamot", "Stenungsunds kommun")]
    [InlineData(Demo.Auditor, "Revisor", "Stenungsunds kommun")]
    [InlineData(Demo.OrganisationRep, "Organisationsföreträdare", "Söråkers Folketshusförening")]
    [InlineData(Demo.OtherMunicipalityOfficial, "Handläggare", "Söderhamns kommun")]
    public async Task Each_demo_role_signs_in_to_its_own_start_page(string email, string role, string expected)
    {
        var client = await App.SignInAsync(email);
        var html = await client.GetStringAsync("/", Ct);
        Assert.Contains($"Du är inloggad som <strong>{role}</strong>", html);
        Assert.Contains("Väntar på mig", html);
        Assert.Contains(expected, html);
    }

    [Fact]
    public async Task Administrators_need_the_second_factor()
    {
        var client = App.Browser();
        var response = await client.PostFormAsync("/logga-in", ("Input.Email", Demo.SystemAdmin), ("Input.Password", Samverka.Web.Infrastructure.Seeding.DemoData.Password));
        Assert.Equal("/logga-in/tvastegs", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/konto", Ct)).StatusCode);

        var wrong = await client.PostFormAsync("/logga-in/tvastegs", ("Input.Code", "000000"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Koden stämmer inte", await wrong.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/konto", Ct)).StatusCode);
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var client = App.Browser();
        // A token made before the lockout: the lockout guards the password, not the person's integrations.
        var integration = await App.ApiAsync(Demo.Official);
        var unknown = await client.PostFormAsync("/logga-in", ("Input.Email", "ingen.alls@example.se"), ("Input.Password", "fel-lösenord"));
        var answer = ErrorSummary(await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Contains("fel e-postadress eller lösenord", answer);
        for (var i = 1; i <= 5; i++)
        {
            var failed = await client.PostFormAsync("/logga-in", ("Input.Email", Demo.Official), ("Input.Password", "fel-lösenord-" + i));
            // The fifth failure locks the account, and the answer stays the one an unknown address gets.
            Assert.Equal(answer, ErrorSummary(await failed.Content.ReadAsStringAsync(Ct)));
        }

        var locked = await client.PostFormAsync("/logga-in", ("Input.Email", Demo.Official), ("Input.Password", Samverka.Web.Infrastructure.Seeding.DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(answer, ErrorSummary(await locked.Content.ReadAsStringAsync(Ct)));
        var lockoutEnd = await App.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Official).Select(u => u.LockoutEnd).SingleAsync(Ct));
        Assert.NotNull(lockoutEnd);
        Assert.True(lockoutEnd < DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    private static string ErrorSummary(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<div[^>]*error-summary[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, "the page shows an error summary");
        return System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(match.Groups[1].Value, "<[^>]+>", " ")).Trim();
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server_so_a_copied_cookie_is_worthless()
    {
        var client = await App.SignInAsync(Demo.Official);
        var cookie = await CookieHeaderAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/konto", Ct)).StatusCode);

        var signOut = await client.PostFormAsync("/logga-ut", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replay = App.Browser();
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        var response = await replay.GetAsync("/konto", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/logga-in", response.Headers.Location!.ToString());
        Assert.Equal(1, await App.WithDbAsync(db => db.UserSessions.CountAsync(s => s.EndedAt != null, Ct)));
    }

    [Fact]
    public async Task An_idle_session_times_out()
    {
        var client = await App.SignInAsync(Demo.Official);
        App.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/konto", Ct)).StatusCode);
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/konto", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_busy_session_still_ends_at_the_absolute_time_out()
    {
        var client = await App.SignInAsync(Demo.Official);
        for (var minutes = 0; minutes < 9 * 60 + 40; minutes += 20)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/konto", Ct)).StatusCode);
        }

        App.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/konto", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("kort-lösen", "minst 12 tecken")]
    [InlineData("123qweasdzxc", "för vanligt")]
    [InlineData("qwertyuiopasdfgh", "för vanligt")]
    public async Task Short_and_common_passwords_are_refused(string password, string message)
    {
        var client = await App.SignInAsync(Demo.Official);
        var response = await client.PostFormAsync("/konto?handler=Password",
            ("Password.Current", Samverka.Web.Infrastructure.Seeding.DemoData.Password), ("Password.New", password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_auditor_changes_only_their_own_password_and_nothing_else()
    {
        var auditor = await App.SignInAsync(Demo.Auditor);
        const string passphrase = "revisorn byter lösenord efter granskningen i november";
        var response = await auditor.PostFormAsync("/konto?handler=Password",
            ("Password.Current", Samverka.Web.Infrastructure.Seeding.DemoData.Password), ("Password.New", passphrase));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await App.SignInAsync(Demo.Auditor, passphrase);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ApiAsync(Demo.Auditor)).PostAsJsonAsync("/api/v1/organisations",
            new { orgNumber = "802498-7656", name = "Revisorns förening", legalForm = "NonProfitAssociation" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_long_passphrase_without_composition_rules_is_accepted_and_hashed_with_210000_iterations()
    {
        var client = await App.SignInAsync(Demo.Official);
        const string passphrase = "sju sorters kakor till fikat på fredag efter styrgruppsmötet";
        var response = await client.PostFormAsync("/konto?handler=Password",
            ("Password.Current", Samverka.Web.Infrastructure.Seeding.DemoData.Password), ("Password.New", passphrase));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var hash = Convert.FromBase64String(await App.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Official).Select(u => u.PasswordHash!).SingleAsync(Ct)));
        Assert.Equal(0x01, hash[0]); // Identity v3 format: PBKDF2, iteration count in bytes 5–8, big-endian
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8];
        Assert.True(iterations >= 210_000, $"PBKDF2 iterations {iterations}");
        await App.SignInAsync(Demo.Official, passphrase);
    }

    [Fact]
    public async Task An_operator_creates_an_administrator_who_must_set_up_the_second_factor_at_first_sign_in()
    {
        const string email = "drift@kommun.example";
        const string password = "en lång och hemlig lösenfras för drift";
        var output = new StringWriter();
        Assert.Equal(0, await RunCliAsync(["create-admin", "--email", email, "--name", "Drift Driftsson"], password + "\n", output));
        Assert.Contains("created", output.ToString());

        var client = App.Browser();
        var response = await client.PostFormAsync("/logga-in", ("Input.Email", email), ("Input.Password", password));
        Assert.StartsWith("/konto/tvastegs", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/konto", Ct)).StatusCode);

        var setup = await client.GetStringAsync("/konto/tvastegs", Ct);
        var key = System.Text.RegularExpressions.Regex.Match(setup, "Nyckel: <code>([a-z2-7 ]+)</code>").Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        Assert.Contains("data:image/png;base64,", setup);
        var done = await client.PostFormAsync("/konto/tvastegs", ("Input.Code", Http.Totp(key)));
        Assert.Equal("/", done.Headers.Location?.OriginalString);
        Assert.Contains("Systemadministratör", await client.GetStringAsync("/", Ct));
        Assert.True(await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Create_admin_refuses_a_common_password_and_creates_nothing()
    {
        var output = new StringWriter();
        Assert.Equal(2, await RunCliAsync(["create-admin", "--email", "svag@kommun.example"], "qwertyuiopasdfgh\n", output));
        Assert.Contains("för vanligt", output.ToString());
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "svag@kommun.example", Ct)));
    }

    [Fact]
    public async Task Create_token_prints_a_token_that_works_against_the_API()
    {
        var output = new StringWriter();
        Assert.Equal(0, await RunCliAsync(["create-token", "--email", Demo.Official, "--name", "Ekonomisystemet", "--days", "30"], "", output));
        var secret = output.ToString().Trim();
        Assert.StartsWith("svk_", secret);

        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var me = await (await client.GetAsync("/api/v1/me", Ct)).ReadAsync<Samverka.Web.Features.Account.MeDto>();
        Assert.Equal("Henrik Handläggare", me.Name);
        Assert.False(await App.WithDbAsync(db => db.PersonalAccessTokens.AnyAsync(t => t.SecretHash == secret, Ct)), "the secret itself must not be stored");
    }

    private async Task<int> RunCliAsync(string[] args, string input, StringWriter output)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommandLine>().RunAsync(args, new StringReader(input), output, Ct);
    }

    private static async Task<string> CookieHeaderAsync(HttpClient client)
    {
        // The test client keeps cookies in its handler; echo them back from a request to read them.
        var response = await client.GetAsync("/konto", Ct);
        var header = response.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
        Assert.Contains("samverka=", header);
        return header;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSignInTests(SqliteApp app) : SignInTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSignInTests(PostgresApp app) : SignInTests<PostgresApp>(app);
