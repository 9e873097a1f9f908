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

            // Removing a line asks first, on a page of its own that works at 320 px; "Avbryt" (by keyboard) keeps the line.
            await page.GetByRole(AriaRole.Link, new() { Name = "Ta bort Resor för styrgruppen 2018" }).ClickAsync();
            Assert.Contains("Ta bort budgetraden?", await MainText(page));
            await page.SetViewportSizeAsync(320, 640);
            await AssertAccessibleAsync(page);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the question scrolls sideways at 320 px");
            await page.SetViewportSizeAsync(1280, 800);
            await page.GetByRole(AriaRole.Link, new() { Name = "Avbryt" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(u => !u.Contains("ta-bort", StringComparison.Ordinal));
            Assert.Contains("533 000 kr", (await MainText(page)).Replace('\u00A0', ' '));

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
            await OpenSectionAsync(page, "Styrgrupp och möten");
            await AssertAccessibleAsync(page);
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
            await RunTheYearAsync(page, partnershipUrl);
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

    /// <summary>One of the partnership's pages, through its navigation, as a person goes there.</summary>
    private static async Task OpenSectionAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Partnerskapets sidor" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        Assert.Equal(name, await page.Locator("h1").InnerTextAsync());
    }

    private static ILocator Section(IPage page, string summary) => page.Locator("details", new() { Has = page.Locator("summary", new() { HasText = summary }) });

    /// <summary>
    /// The rest of 2018 in the partnership: the next monthly meeting, a referral and two tripartite
    /// reviews, the quarterly follow-up presented, the association's yearly report with its books and
    /// both statements, the official's approval, the grant marked paid, and a repayment claim.
    /// </summary>
    private async Task RunTheYearAsync(IPage page, string partnershipUrl)
    {
        var meeting = Section(page, "Registrera ett möte");
        await meeting.Locator("summary").ClickAsync();
        await meeting.GetByLabel("Datum", new() { Exact = true }).FillAsync("2018-03-01");
        await meeting.GetByLabel("Lars Backlund (Timrå kommun)").CheckAsync();
        await meeting.GetByLabel("Eva Holmström (Söråkers Folketshusförening)").CheckAsync();
        await meeting.GetByLabel("Förslag (frivilligt)", new() { Exact = true }).First.FillAsync("Caféet håller öppet även på lördagar.");
        await meeting.GetByRole(AriaRole.Button, new() { Name = "Registrera mötet" }).ClickAsync();
        Assert.Contains("Beslut: Caféet håller öppet även på lördagar.", await MainText(page));

        await OpenSectionAsync(page, "Uppföljning");
        await AssertAccessibleAsync(page);
        var coordination = Section(page, "Registrera ett samverkansmöte");
        await coordination.Locator("summary").ClickAsync();
        await coordination.GetByLabel("Datum", new() { Exact = true }).FillAsync("2018-02-05");
        await coordination.GetByLabel("Remitterande enhet").FillAsync("Arbetsmarknadsenheten");
        await coordination.GetByLabel("Deltagare", new() { Exact = true }).FillAsync("Handläggare, föreningens handledare");
        await coordination.GetByLabel("Vad mötet kom fram till").FillAsync("Placering i caféet från 12 februari.");
        await coordination.GetByRole(AriaRole.Button, new() { Name = "Registrera", Exact = true }).ClickAsync();
        foreach (var (date, done) in new[] { ("2018-02-20", "Första veckorna i caféet."), ("2018-03-20", "Kassan och beställningar.") })
        {
            var review = Section(page, "Registrera ett trepartssamtal");
            await review.Locator("summary").ClickAsync();
            await review.GetByLabel("Datum", new() { Exact = true }).FillAsync(date);
            await review.GetByLabel("Deltagare", new() { Exact = true }).FillAsync("Remitterande handläggare, ungdomen, handledaren");
            await review.GetByLabel("Genomförda aktiviteter").FillAsync(done);
            await review.GetByRole(AriaRole.Button, new() { Name = "Registrera", Exact = true }).ClickAsync();
            Assert.Contains("Trepartssamtalet är registrerat", await MainText(page));
        }

        var quarter = Section(page, "Kvartalsuppföljning kvartal 4 2018");
        await quarter.Locator("summary").ClickAsync();
        await quarter.GetByLabel("Styrgruppens komplettering (frivilligt)").FillAsync("Fler ungdomar än planerat har fått praktik.");
        var today = Today(); // presented once saved, not before
        await quarter.GetByLabel("Presenterad för nämnden (frivilligt)").FillAsync(today);
        await quarter.GetByLabel("Presenterad för styrelsen (frivilligt)").FillAsync(today);
        await quarter.GetByRole(AriaRole.Button, new() { Name = "Spara kvartalsuppföljningen" }).ClickAsync();
        Assert.Contains("Kvartalsuppföljningen är sparad", await MainText(page));
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();

        // The association hands in its yearly report: the books from its statements, the statements themselves.
        await SignInAsync(page, "ordforande@soraker.example");
        await page.GotoAsync(partnershipUrl);
        await OpenSectionAsync(page, "Uppföljning");
        var report = Section(page, "Lämna årsuppföljning");
        await report.Locator("summary").ClickAsync();
        await report.GetByLabel("År", new() { Exact = true }).SelectOptionAsync("2018");
        await report.GetByLabel("Beskrivning av årets verksamhet").FillAsync("Tolv ungdomar har arbetstränat i caféet och på scenen.");
        await report.GetByLabel("Intäkter").FillAsync("1 020 tkr");
        await report.GetByLabel("Kostnader").FillAsync("990 440 kr");
        await report.GetByLabel("Tillgångar").FillAsync("310 tkr");
        await report.GetByLabel("Eget kapital").FillAsync("120 tkr");
        await report.GetByRole(AriaRole.Button, new() { Name = "Lämna in" }).ClickAsync();
        Assert.Contains("Årsuppföljningen är inlämnad", await MainText(page));
        foreach (var (kind, file) in new[] { ("Resultaträkning", "resultatrakning-2018.pdf"), ("Balansräkning", "balansrakning-2018.pdf") })
        {
            var statement = Section(page, "Bifoga resultaträkning eller balansräkning");
            await statement.Locator("summary").ClickAsync();
            await statement.GetByLabel("Handling").SelectOptionAsync(new SelectOptionValue { Label = kind });
            await statement.GetByLabel("Fil", new() { Exact = true }).SetInputFilesAsync(new FilePayload
            {
                Name = file, MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"),
            });
            await statement.GetByRole(AriaRole.Button, new() { Name = "Bifoga" }).ClickAsync();
            Assert.Contains("Filen är bifogad", await MainText(page));
        }

        var handedIn = (await MainText(page)).Replace('\u00A0', ' ');
        Assert.Contains("Resultat\n29 560 kr", handedIn);
        Assert.Contains("Balansräkning: balansrakning-2018.pdf", handedIn);
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();

        // The official approves it, marks the grant paid, and later claims part of it back.
        await SignInAsync(page, "handlaggare@timra.example");
        await page.GotoAsync(partnershipUrl);
        Assert.Contains("Årsuppföljningen för 2018 väntar på bedömning.", await MainText(page)); // the overview says what is due, linked to where it is done
        await page.GetByRole(AriaRole.Link, new() { Name = "Årsuppföljningen för 2018 väntar på bedömning." }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Godkänd", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara bedömningen" }).ClickAsync();
        Assert.Contains("Bedömningen är sparad", await MainText(page));
        await OpenSectionAsync(page, "Ekonomi");
        await AssertAccessibleAsync(page);
        var paid = Section(page, "Markera en utbetalning som gjord");
        await paid.Locator("summary").ClickAsync();
        await paid.GetByLabel("Utbetalningsdag").FillAsync("2018-02-01");
        await paid.GetByLabel("Referens i ekonomisystemet").FillAsync("VER 2018-0042");
        await paid.GetByRole(AriaRole.Button, new() { Name = "Markera som utbetald" }).ClickAsync();
        Assert.Contains("Utbetald 2018-02-01, VER 2018-0042", await MainText(page));
        var claim = Section(page, "Kräv återbetalning");
        await claim.Locator("summary").ClickAsync();
        await claim.GetByLabel("Skäl").SelectOptionAsync(new SelectOptionValue { Label = "Verksamheten har förändrats" });
        await claim.GetByLabel("Belopp (frivilligt)").FillAsync("20 tkr");
        await claim.GetByLabel("Motivering").FillAsync("Resorna med deltagarna blev inte av.");
        await claim.GetByRole(AriaRole.Button, new() { Name = "Registrera kravet" }).ClickAsync();
        var text = (await MainText(page)).Replace('\u00A0', ' ');
        Assert.Contains("Återbetalningskravet är registrerat", text);
        Assert.Contains("20 000 kr – Verksamheten har förändrats", text);
        await AssertAccessibleAsync(page);
    }
}
