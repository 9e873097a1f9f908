using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OtpNet;
using Samverka.Web.Infrastructure.Seeding;

namespace Samverka.Browser.Tests;

/// <summary>
/// What a person sees: signing in as every demo role in real Chromium, keyboard use, 320 px
/// width, and axe (WCAG 2.1 A and AA) on every page visited. A screenshot is saved on failure
/// under test-artifacts/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserTests(BrowserApp app) : BrowserTestBase(app)
{

    public static TheoryData<string, string, string[]> Roles => new()
    {
        { "admin@samverka.example", "Systemadministratör", ["/organisationer", "/kommuner", "/konto", "/anvandare", "/anvandare/ny", "/kommuner/ny"] },
        { "kommunadmin@stenungsund.example", "Kommunadministratör", ["/organisationer", "/kommuner", "/konto", "/anvandare", "/anvandare/ny"] },
        { "handlaggare@stenungsund.example", "Handläggare", ["/organisationer", "/kommuner", "/konto", "/organisationer/ny", "/arenden", "/arenden/nytt", "/arenden?visa=alla", "/meddelanden", "/konto/paminnelser"] },
        { "ledamot@stenungsund.example", "Nämndledamot", ["/organisationer", "/kommuner", "/konto", "/arenden?beslut=1", "/meddelanden"] },
        { "revisor@stenungsund.example", "Revisor", ["/organisationer", "/kommuner", "/konto", "/arenden?visa=alla"] },
        { "ordforande@soraker.example", "Organisationsföreträdare", ["/organisationer", "/konto", "/arenden", "/arenden/nytt", "/konto/paminnelser"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public Task Each_demo_role_signs_in_reaches_its_start_page_and_every_page_it_visits_passes_axe(string email, string role, string[] pages) =>
        WithPageAsync($"role-{email}", async page =>
        {
            await SignInAsync(page, email);
            Assert.Equal("Start", await page.Locator("h1").InnerTextAsync());
            Assert.Contains($"Du är inloggad som {role}", await page.Locator("main").InnerTextAsync());
            await AssertAccessibleAsync(page);

            foreach (var path in pages)
            {
                var response = await page.GotoAsync(App.BaseUrl + path);
                Assert.True(response!.Ok, $"{path}: {response.Status}");
                await AssertAccessibleAsync(page);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
            Assert.Equal("Du är utloggad", await page.Locator("h1").InnerTextAsync());
        });

    [Theory]
    [InlineData("/")]
    [InlineData("/logga-in")]
    [InlineData("/tillganglighet")]
    [InlineData("/finns-inte")]
    public Task Public_pages_pass_axe_and_fit_320_px(string path) =>
        WithPageAsync($"public{path.Replace('/', '-')}", async page =>
        {
            await page.GotoAsync(App.BaseUrl + path);
            Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
            await AssertAccessibleAsync(page);
            await page.SetViewportSizeAsync(320, 640);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                $"{path} scrolls sideways at 320 px");
        });

    [Fact]
    public Task Signed_in_pages_fit_320_px() =>
        WithPageAsync("narrow-signed-in", async page =>
        {
            await page.SetViewportSizeAsync(320, 640);
            await SignInAsync(page, "handlaggare@stenungsund.example");
            foreach (var path in new[] { "/", "/organisationer", "/kommuner", "/konto", "/organisationer/ny", "/arenden", "/arenden/nytt", "/meddelanden", "/konto/paminnelser" })
            {
                await page.GotoAsync(App.BaseUrl + path);
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                    $"{path} scrolls sideways at 320 px");
            }
        });

    [Fact]
    public Task Table_cells_on_a_desktop_never_break_a_word() =>
        WithPageAsync("desktop-tables", async page =>
        {
            await page.SetViewportSizeAsync(1280, 800);
            await SignInAsync(page, "handlaggare@stenungsund.example");
            foreach (var path in new[] { "/arenden?visa=alla", "/partnerskap", "/organisationer", "/overenskommelser" })
            {
                await page.GotoAsync(App.BaseUrl + path);
                // A word wider than its cell's content box can only have been broken in the middle ("Läg/e", "2027-/12-31").
                var broken = await page.EvaluateAsync<string[]>("""
                    () => {
                        const probe = document.createElement('span');
                        probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
                        document.body.appendChild(probe);
                        const broken = [];
                        for (const cell of document.querySelectorAll('td, th')) {
                            const style = getComputedStyle(cell);
                            const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                            probe.style.font = style.font;
                            for (const word of cell.innerText.split(/\s+/).filter(w => w)) {
                                probe.textContent = word;
                                if (probe.getBoundingClientRect().width > room + 1) broken.push(word);
                            }
                        }
                        probe.remove();
                        return broken;
                    }
                    """);
                Assert.True(broken.Length == 0, $"{path} breaks words in table cells: {string.Join(", ", broken.Take(10))}");
            }
        });

    [Fact]
    public Task The_skip_link_is_the_first_stop_for_the_keyboard_and_moves_focus_to_the_content() =>
        WithPageAsync("keyboard", async page =>
        {
            await page.GotoAsync(App.BaseUrl + "/");
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("Hoppa till innehållet", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
            var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
            Assert.NotEqual("none", outline);
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal("innehall", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        });

    [Fact]
    public Task A_refused_form_shows_the_error_beside_the_field_keeps_the_input_and_passes_axe() =>
        WithPageAsync("form-error", async page =>
        {
            await SignInAsync(page, "handlaggare@stenungsund.example");
            await page.GotoAsync(App.BaseUrl + "/organisationer/ny");
            await page.GetByLabel("Organisationsnummer").FillAsync("802011-2342");
            await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Ängsö Hembygdsförening");
            await page.GetByLabel("Associationsform").SelectOptionAsync("NonProfitAssociation");
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrera" }).ClickAsync();

            var field = page.GetByLabel("Organisationsnummer");
            Assert.Equal("802011-2342", await field.InputValueAsync());
            Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
            Assert.Contains("kontrollsiffran", await page.Locator("#Input_OrgNumber-error").InnerTextAsync());
            Assert.Equal("Ängsö Hembygdsförening", await page.GetByLabel("Namn", new() { Exact = true }).InputValueAsync());
            await AssertAccessibleAsync(page);
        });

    [Fact]
    public Task A_municipal_administrator_reads_the_guidelines_and_records_their_review() =>
        WithPageAsync("guidelines", async page =>
        {
            await SignInAsync(page, "kommunadmin@stenungsund.example");
            await page.GetByRole(AriaRole.Link, new() { Name = "Riktlinjerna för IOP", Exact = false }).First.ClickAsync();
            Assert.Equal("Riktlinjer för IOP i Stenungsunds kommun", await page.Locator("h1").InnerTextAsync());
            Assert.Equal(9, await page.Locator("main ol").First.Locator("li").CountAsync());
            await AssertAccessibleAsync(page);

            await page.GetByRole(AriaRole.Link, new() { Name = "Anta ny version eller registrera översyn" }).ClickAsync();
            Assert.Equal("Riktlinjer för IOP i Stenungsunds kommun", await page.GetByLabel("Rubrik").InputValueAsync());
            Assert.Equal("5", await page.GetByLabel("Längsta avtalstid i år").InputValueAsync());
            await AssertAccessibleAsync(page);
            await page.GetByLabel("Antagna eller översedda").FillAsync(Today());
            await page.GetByLabel("Beslut (frivilligt)").FillAsync("KS § 1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Anta version 2" }).ClickAsync();
            Assert.Contains("Version 2 är antagen", await page.Locator("main").InnerTextAsync());
            await AssertAccessibleAsync(page);
        });

    [Fact]
    public Task An_organisation_representative_hands_in_a_document_by_keyboard_and_mouse() =>
        WithPageAsync("documents", async page =>
        {
            await SignInAsync(page, "ordforande@soraker.example");
            await page.GotoAsync(App.BaseUrl + "/organisationer");
            await page.GetByRole(AriaRole.Link, new() { Name = "Söråkers Folketshusförening" }).ClickAsync();
            await AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Lämna in handlingar" }).ClickAsync();
            await AssertAccessibleAsync(page);
            await page.GetByLabel("Sorts handling").SelectOptionAsync("Årsmötesprotokoll");
            await page.GetByLabel("Fil").SetInputFilesAsync(new FilePayload
            {
                Name = "Årsmötesprotokoll 2025.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Lämna in" }).ClickAsync();
            Assert.Contains("Årsmötesprotokoll 2025 är inlämnad", await page.Locator("main").InnerTextAsync());
            Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Årsmötesprotokoll 2025.pdf" }).CountAsync());
            await AssertAccessibleAsync(page);
        });
}
