using Microsoft.Playwright;

namespace Samverka.Browser.Tests;

/// <summary>
/// The Söråker agreement as an official in Timrå works with it, in real Chromium with axe on every
/// page: the budget built line by line with its totals, the agreement fixed by the case's decision,
/// signed by both parties on full dates, and its hash verified.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgreementJourneyTests(BrowserApp app) : BrowserTestBase(app)
{
    private static Task<string> MainText(IPage page) => page.Locator("main").InnerTextAsync();

    [Fact]
    public Task An_official_builds_the_budget_fixes_the_agreement_by_the_decision_and_records_both_signatures() =>
        WithPageAsync("journey-agreement", async page =>
        {
            await SignInAsync(page, "handlaggare@timra.example");
            await page.GetByRole(AriaRole.Link, new() { Name = "Överenskommelser" }).ClickAsync();
            await AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Idéburet offentligt partnerskap mellan Timrå kommun och Söråkers Folketshusförening" }).ClickAsync();
            var text = await MainText(page);
            Assert.Contains("Siffror i dokumentet stämmer inte med beräkningen", text);
            Assert.Contains("990 440 kr", text.Replace('\u00A0', ' '));
            await AssertAccessibleAsync(page);
            var agreementUrl = page.Url;

            // A line with a unit nobody knows is refused beside the field; what was typed stays.
            var line = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Spara budgetraden" }) });
            await page.GetByText("Lägg till budgetrad").ClickAsync();
            await line.GetByLabel("Part", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Söråkers Folketshusförening" });
            await line.GetByLabel("År", new() { Exact = true }).SelectOptionAsync("2018");
            await line.GetByLabel("Post", new() { Exact = true }).FillAsync("Scenografi till musikalen");
            await line.GetByLabel("Avser", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Material och utrustning" });
            await line.GetByLabel("Belopp eller beräkning").FillAsync("12 furlongs × 300 kr");
            await line.GetByRole(AriaRole.Button, new() { Name = "Spara budgetraden" }).ClickAsync();
            Assert.Contains("Okänd enhet ”furlongs”", await MainText(page));
            Assert.Equal("Scenografi till musikalen", await page.GetByLabel("Post", new() { Exact = true }).InputValueAsync());
            await AssertAccessibleAsync(page);
            await page.GetByLabel("Belopp eller beräkning").FillAsync("12 st × 300 kr");
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara budgetraden" }).ClickAsync();
            text = (await MainText(page)).Replace('\u00A0', ' ');
            Assert.Contains("Budgetraden är sparad", text);
            Assert.Contains("994 040 kr", text); // 990 440 + 3 600, computed

            // … and one for the municipality: its total moves too.
            line = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Spara budgetraden" }) });
            await page.GetByText("Lägg till budgetrad").ClickAsync();
            await line.GetByLabel("Part", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Timrå kommun" });
            await line.GetByLabel("År", new() { Exact = true }).SelectOptionAsync("2018");
            await line.GetByLabel("Post", new() { Exact = true }).FillAsync("Resor för styrgruppen");
            await line.GetByLabel("Avser", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Resor" });
            await line.GetByLabel("Belopp eller beräkning").FillAsync("2 tillfällen × 1 500 kr");
            await line.GetByRole(AriaRole.Button, new() { Name = "Spara budgetraden" }).ClickAsync();
            text = (await MainText(page)).Replace('\u00A0', ' ');
            Assert.Contains("533 000 kr", text); // 530 000 + 3 000
            await AssertAccessibleAsync(page);

            // The case is approved: the agreement is fixed by that decision, then signed by both parties on full dates.
            await page.GetByRole(AriaRole.Button, new() { Name = "Fastställ genom ärendets beslut" }).ClickAsync();
            Assert.Contains("Beslutad, väntar på underskrifter", await MainText(page));
            await AssertAccessibleAsync(page);
            var first = page.Locator("form", new() { HasText = "Underskrift: Anna Andersson" });
            await first.GetByLabel("Datum för underskriften").FillAsync("2017-12-");
            await first.GetByRole(AriaRole.Button, new() { Name = "Registrera underskriften" }).ClickAsync();
            Assert.Contains("Ange ett fullständigt datum", await MainText(page));
            await AssertAccessibleAsync(page);
            first = page.Locator("form", new() { HasText = "Underskrift: Anna Andersson" });
            await first.GetByLabel("Datum för underskriften").FillAsync("2017-12-10");
            await first.GetByRole(AriaRole.Button, new() { Name = "Registrera underskriften" }).ClickAsync();
            var second = page.Locator("form", new() { HasText = "Underskrift: Christina Thonman" });
            await second.GetByLabel("Datum för underskriften").FillAsync("2017-12-14");
            await second.GetByRole(AriaRole.Button, new() { Name = "Registrera underskriften" }).ClickAsync();
            text = await MainText(page);
            Assert.Contains("Läge: Undertecknad", text);
            Assert.Contains("Innehållet stämmer med hashen.", text);
            await AssertAccessibleAsync(page);

            // Signed by all, the partnership has started: its steering group meets and decides only unanimously.
            await page.GetByRole(AriaRole.Link, new() { Name = "möten, uppföljning och utbetalningar" }).ClickAsync();
            await AssertAccessibleAsync(page);
            var partnershipUrl = page.Url;
            await page.GetByText("Registrera ett möte").ClickAsync();
            var meeting = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Registrera mötet" }) });
            await meeting.GetByLabel("Datum", new() { Exact = true }).FillAsync("2018-02-01");
            await meeting.GetByLabel("Lars Backlund (Timrå kommun)").CheckAsync();
            await meeting.GetByLabel("Christina Thonman (Söråkers Folketshusförening)").CheckAsync();
            await meeting.GetByLabel("Förslag (frivilligt)", new() { Exact = true }).First.FillAsync("Fyra ungdomar tas emot under våren.");
            await meeting.GetByLabel("Förslag (frivilligt)", new() { Exact = true }).Nth(1).FillAsync("Ljudutrustning köps för 30 tkr.");
            await meeting.GetByLabel("Invändning från (frivilligt)").Nth(1).SelectOptionAsync("Lars Backlund");
            await meeting.GetByLabel("Skäl (frivilligt)", new() { Exact = true }).Nth(1).FillAsync("Ryms inte i budgeten.");
            await meeting.GetByRole(AriaRole.Button, new() { Name = "Registrera mötet" }).ClickAsync();
            text = await MainText(page);
            Assert.Contains("Beslut: Fyra ungdomar tas emot under våren.", text);
            Assert.Contains("Lars Backlund (Timrå kommun) invände: Ryms inte i budgeten.", text);
            await AssertAccessibleAsync(page);
            await page.GotoAsync(agreementUrl);

            // The signed agreement as an archival PDF, downloaded as a person would.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ner PDF (PDF/A)" }).ClickAsync());
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
            var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));

            // The same content as a web page, and what changed between versions.
            await page.GetByRole(AriaRole.Link, new() { Name = "Läs som webbsida" }).ClickAsync();
            Assert.Contains("Löptid: 2018-01-01 – 2018-12-31", await MainText(page));
            await AssertAccessibleAsync(page);
            await page.GotoAsync(agreementUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = "med version 1" }).ClickAsync();
            Assert.Contains("Budget: Scenografi till musikalen 2018", await MainText(page));
            await AssertAccessibleAsync(page);

            // At 320 px the page still works without sideways scrolling of the page itself.
            await page.SetViewportSizeAsync(320, 800);
            await page.GotoAsync(agreementUrl);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the agreement page scrolls sideways at 320 px");
            await AssertAccessibleAsync(page);
        });
}
