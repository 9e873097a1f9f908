using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OtpNet;
using Samverka.Web.Infrastructure.Seeding;

namespace Samverka.Browser.Tests;

/// <summary>Signing in, axe on a page, and a screenshot when a test fails: shared by every browser test.</summary>
public abstract class BrowserTestBase(BrowserApp app)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    protected BrowserApp App => app;

    /// <summary>Today as the app counts it (the day in Stockholm), as a date field takes it.</summary>
    protected static string Today(int addYears = 0) => Samverka.Domain.Formatting.Swedish.Date(Samverka.Domain.Formatting.Swedish.Today(TimeProvider.System).AddYears(addYears));

    protected async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(app.BaseUrl + "/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(email);
        await page.GetByLabel("Lösenord").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        if (page.Url.Contains("/logga-in/tvastegs", StringComparison.Ordinal))
        {
            await AssertAccessibleAsync(page);
            var code = new Totp(Base32Encoding.ToBytes(DemoData.AuthenticatorKey)).ComputeTotp(DateTime.UtcNow);
            await page.GetByLabel("Kod").FillAsync(code);
            await page.GetByRole(AriaRole.Button, new() { Name = "Fortsätt" }).ClickAsync();
        }

        Assert.Equal(app.BaseUrl + "/", page.Url);
    }

    protected static async Task AssertAccessibleAsync(IPage page)
    {
        if (Environment.GetEnvironmentVariable("SAMVERKA_SCREENSHOTS") == "1")
        {
            // For looking at what a person sees: every checked page as a picture under test-artifacts/pages.
            var name = string.Concat(new Uri(page.Url).PathAndQuery.Select(c => char.IsLetterOrDigit(c) ? c : '_')).Trim('_');
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(BrowserApp.Artifacts, "..", "pages", (name.Length == 0 ? "start" : name) + $"-{page.ViewportSize?.Width}.png"),
                FullPage = true,
            });
        }

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        Assert.True(result.Violations.Length == 0, $"axe on {page.Url}:\n" + string.Join("\n", result.Violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    protected async Task WithPageAsync(string name, Func<IPage, Task> test)
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "sv-SE" });
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            var file = Path.Combine(BrowserApp.Artifacts, string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_')) + ".png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            throw;
        }
    }
}
