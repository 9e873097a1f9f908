using Microsoft.Playwright;

namespace Samverka.Browser.Tests;

/// <summary>
/// The running demo partnerships as their officials work in them, in real Chromium with axe on
/// every page. Stenungsund: the activity log with the agreement's key figures, a young person
/// referred at a coordination meeting, given consent, placed and written about; then the auditor,
/// who sees that the partnership has participants but never who they are. Söderhamn: a night
/// walked by two associations, and the open account of what each association received.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnershipJourneyTests(BrowserApp app) : BrowserTestBase(app)
{
    private const string Title = "Idéburet offentligt partnerskap om spontanidrott på Stenungsön";

    private static async Task<string> MainText(IPage page) => (await page.Locator("main").InnerTextAsync()).Replace('\u00A0', ' ');

    /// <summary>One of the partnership's pages, through its navigation, as a person goes there.</summary>
    private static async Task OpenSectionAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Partnerskapets sidor" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        Assert.Equal(name, await page.Locator("h1").InnerTextAsync());
    }

    private static ILocator Form(IPage page, string button) => page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }) });

    [Fact]
    public Task The_auditor_finds_a_partnership_from_the_header_and_reads_the_same_money_on_the_frames_and_the_partnership_at_320_px() =>
        WithPageAsync("journey-auditor-money", async page =>
        {
            await SignInAsync(page, "revisor@stenungsund.example");
            // On a desktop a date in a table keeps together: the term reads "2026-01-01 – 2027-12-31", never "2027-" above "12-31".
            await page.GotoAsync(App.BaseUrl + "/partnerskap");
            Assert.Equal(2, await page.Locator("td[data-label='Löptid'] .nowrap").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll(\"td[data-label='Löptid'] .nowrap\")].every(d => d.getClientRects().length === 1)"),
                "a date in the partnership list breaks over two lines");
            await page.SetViewportSizeAsync(320, 800);
            await page.GetByRole(AriaRole.Search).First.GetByLabel("Sök ärenden, överenskommelser, partnerskap och organisationer").FillAsync("Stenungsunds Idrottsförening");
            await page.GetByRole(AriaRole.Search).First.GetByRole(AriaRole.Button, new() { Name = "Sök" }).ClickAsync();
            Assert.Contains("/sok?q=", page.Url);
            await AssertAccessibleAsync(page);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the search page scrolls sideways at 320 px");

            await page.GetByRole(AriaRole.Region, new() { Name = "Partnerskap (1)" }).GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
            await OpenSectionAsync(page, "Ekonomi");
            var money = await MainText(page);
            Assert.Contains("Kommunens pengar per år", money);
            Assert.Contains("600 000 kr", money);
            await AssertAccessibleAsync(page);

            await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Kommunen" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Nämndernas ramar för IOP" }).ClickAsync();
            var frames = await MainText(page);
            Assert.Contains("Vad som binder ramarna", frames);
            Assert.DoesNotContain("1 200 000 kr", frames); // the case's estimate is not what binds the frame
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the frames page scrolls sideways at 320 px");
            await AssertAccessibleAsync(page);
        });

    [Fact]
    public Task An_official_logs_activities_and_refers_a_young_person_whom_the_auditor_never_sees() =>
        WithPageAsync("journey-partnership", async page =>
        {
            var today = Today();
            await SignInAsync(page, "handlaggare@stenungsund.example");
            await page.GetByRole(AriaRole.Link, new() { Name = "Partnerskap", Exact = true }).ClickAsync();
            await AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
            Assert.Contains("Utbetalt 600 000 kr av", await MainText(page)); // this year's grant, paid after signing
            await AssertAccessibleAsync(page);
            var partnershipUrl = page.Url;

            // Each concern has its own short page, reached from the partnership's navigation, readable at 320 px.
            foreach (var section in new[] { "Styrgrupp och möten", "Uppföljning", "Ekonomi", "Omförhandling och avslut" })
            {
                await OpenSectionAsync(page, section);
                await AssertAccessibleAsync(page);
                await page.SetViewportSizeAsync(320, 800);
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), $"{section} scrolls sideways at 320 px");
                var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
                Assert.True(height < 6000, $"{section} is {height} px long at 320 px, more than 6 000 px");
                await AssertAccessibleAsync(page);
                await page.SetViewportSizeAsync(1280, 800);
            }

            // The activity log: the agreement's key figures, one field each; the year's sums move.
            await OpenSectionAsync(page, "Aktiviteter");
            await AssertAccessibleAsync(page);
            var before = await page.Locator("dl.facts dd").First.InnerTextAsync();
            await page.GetByText("Logga en aktivitet").ClickAsync();
            var log = Form(page, "Logga");
            await log.GetByLabel("Aktivitet", new() { Exact = true }).FillAsync("Tjejkväll i hallen");
            await log.GetByLabel("Träningstillfällen (frivilligt)").FillAsync("tre");
            await log.GetByRole(AriaRole.Button, new() { Name = "Logga" }).ClickAsync();
            Assert.Contains("Ange Träningstillfällen som ett tal", await MainText(page));
            Assert.Equal("Tjejkväll i hallen", await page.GetByLabel("Aktivitet", new() { Exact = true }).InputValueAsync());
            await AssertAccessibleAsync(page);
            await page.GetByLabel("Träningstillfällen (frivilligt)").FillAsync("3");
            await Form(page, "Logga").GetByRole(AriaRole.Button, new() { Name = "Logga" }).ClickAsync();
            Assert.Contains("Aktiviteten är loggad", await MainText(page));
            Assert.Equal(int.Parse(before.Replace(" ", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) + 3,
                int.Parse((await page.Locator("dl.facts dd").First.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));

            await page.SetViewportSizeAsync(320, 800);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the activities page scrolls sideways at 320 px");
            await page.SetViewportSizeAsync(1280, 800);

            // A young person is referred at a coordination meeting…
            await page.GotoAsync(partnershipUrl);
            await OpenSectionAsync(page, "Uppföljning");
            await page.GetByText("Registrera ett samverkansmöte").ClickAsync();
            var coordination = Form(page, "Registrera");
            await coordination.GetByLabel("Datum", new() { Exact = true }).FillAsync(today);
            await coordination.GetByLabel("Remitterande enhet").FillAsync("Elevhälsan, Stenungsundsskolan");
            await coordination.GetByLabel("Deltagare", new() { Exact = true }).FillAsync("Kurator, kanslichefen");
            await coordination.GetByLabel("Vad mötet kom fram till").FillAsync("Eleven börjar som hjälpledare på fredagarna.");
            await coordination.GetByRole(AriaRole.Button, new() { Name = "Registrera" }).ClickAsync();
            Assert.Contains("Samverkansmötet är registrerat", await MainText(page));

            // … outside the target group's ages first: refused beside the field, the name kept.
            await OpenSectionAsync(page, "Deltagare");
            await AssertAccessibleAsync(page);
            await page.GetByText("Registrera en remitterad ung person").ClickAsync();
            await page.GetByLabel("Namn").FillAsync("Elin Ekström");
            await page.GetByLabel("Födelsedatum").FillAsync(Today(-22));
            await page.GetByLabel("Omfattas av det kommunala aktivitetsansvaret (KAA)").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrera", Exact = true }).ClickAsync();
            Assert.Contains("målgruppen är 12–19 år", await MainText(page));
            Assert.Equal("Elin Ekström", await page.GetByLabel("Namn").InputValueAsync());
            await AssertAccessibleAsync(page);
            await page.GetByLabel("Födelsedatum").FillAsync(Today(-15));
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrera", Exact = true }).ClickAsync();
            Assert.Contains("Registrera samtycket innan praktiken börjar", await MainText(page));
            await AssertAccessibleAsync(page);
            var participantUrl = page.Url;

            // Consent, a placement with a supervisor, a day note.
            await page.GetByLabel("Lämnat av").FillAsync("Elin och hennes vårdnadshavare");
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrera samtycket" }).ClickAsync();
            await page.GetByText("Ny praktik").ClickAsync();
            await page.GetByLabel("Arbetsplats").FillAsync("Hjälpledare, fredagsträningen");
            await page.GetByLabel("Handledare", new() { Exact = true }).FillAsync("Johan Ek");
            await page.GetByLabel("Start", new() { Exact = true }).FillAsync(today);
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrera praktiken" }).ClickAsync();
            await page.GetByText("Skriv en daganteckning").ClickAsync();
            await page.GetByLabel("Anteckning", new() { Exact = true }).FillAsync("Tog ansvar för uppvärmningen.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara anteckningen" }).ClickAsync();
            var text = await MainText(page);
            Assert.Contains("Hjälpledare, fredagsträningen, handledare Johan Ek", text);
            Assert.Contains("Tog ansvar för uppvärmningen.", text);
            await AssertAccessibleAsync(page);
            await page.SetViewportSizeAsync(320, 800);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the participant page scrolls sideways at 320 px");
            await AssertAccessibleAsync(page);
            await page.SetViewportSizeAsync(1280, 800);
            await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();

            // The auditor reads the partnership and the record of processing, never the young person.
            await SignInAsync(page, "revisor@stenungsund.example");
            await page.GotoAsync(partnershipUrl + "/deltagare");
            text = await MainText(page);
            Assert.Contains("ser därför inga uppgifter om deltagare", text);
            Assert.DoesNotContain("Elin", text, StringComparison.Ordinal);
            await AssertAccessibleAsync(page);
            var response = await page.GotoAsync(participantUrl);
            Assert.Equal(404, response!.Status);
            await page.GotoAsync(App.BaseUrl + "/kommuner"); // one municipality: the list opens its page

            await page.GetByRole(AriaRole.Link, new() { Name = "förteckning över behandlingar" }).ClickAsync();
            text = await MainText(page);
            Assert.Contains("Förteckning över behandling av personuppgifter", text);
            Assert.DoesNotContain("Elin", text, StringComparison.Ordinal);
            await AssertAccessibleAsync(page);
        });

    [Fact]
    public Task A_night_walk_partnership_records_a_night_and_accounts_openly_for_what_each_association_received() =>
        WithPageAsync("journey-night-walks", async page =>
        {
            await SignInAsync(page, "handlaggare@soderhamn.example");
            await page.GetByRole(AriaRole.Link, new() { Name = "Partnerskap", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Idéburet offentligt partnerskap om nattvandring i Söderhamn" }).ClickAsync();
            await AssertAccessibleAsync(page);
            await OpenSectionAsync(page, "Aktiviteter");
            var text = await MainText(page);
            Assert.Contains("Ersättning per förening och natt: 2 400 kr", text);
            Assert.Contains("Söderhamns IF", text);
            await AssertAccessibleAsync(page);

            // A night with walkers from two associations, one of them new; adults only, or it is refused and nothing typed is lost.
            await page.GetByText("Registrera en vandrad natt").ClickAsync();
            var walk = Form(page, "Registrera natten");
            await walk.GetByLabel("Natt (datum då vandringen började)").FillAsync(Today());
            await walk.GetByLabel("Område").FillAsync("Köpmantorget");
            await walk.GetByLabel("Förening 1", new() { Exact = true }).FillAsync("Söderhamns Konståkningsklubb");
            await walk.GetByLabel("Antal vandrare", new() { Exact = true }).FillAsync("3");
            await walk.GetByLabel("Förening 2 (frivilligt)").FillAsync("Scouterna i Söderhamn");
            await walk.GetByLabel("Antal vandrare (frivilligt)").First.FillAsync("2");
            await walk.GetByRole(AriaRole.Button, new() { Name = "Registrera natten" }).ClickAsync();
            Assert.Contains("Nattvandrare ska vara vuxna", await MainText(page));
            Assert.Equal("Söderhamns Konståkningsklubb", await page.GetByLabel("Förening 1", new() { Exact = true }).InputValueAsync());
            await AssertAccessibleAsync(page);
            await page.GetByLabel("Alla som vandrade var vuxna, över 18 år").CheckAsync();
            await Form(page, "Registrera natten").GetByRole(AriaRole.Button, new() { Name = "Registrera natten" }).ClickAsync();
            text = await MainText(page);
            Assert.Contains("Natten är registrerad", text);
            Assert.Contains("Söderhamns Konståkningsklubb\t1\t3\t2 400 kr", text);
            await AssertAccessibleAsync(page);

            // The open account as a file for publication: associations and money, no walker's name.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ned den öppna redovisningen (CSV)" }).ClickAsync());
            var csv = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.StartsWith("Förening;Nätter;Vandrarnätter;Ersättning (kr)", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Contains("Söderhamns Konståkningsklubb;1;3;2400,00", csv);
            await page.SetViewportSizeAsync(320, 800);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the activities page scrolls sideways at 320 px");
        });
}
