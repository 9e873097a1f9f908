using Microsoft.Playwright;

namespace Samverka.Browser.Tests;

/// <summary>
/// The road from initiative to decision as people walk it, in real Chromium with axe on every
/// page: Stenungsund end to end with three people, and Söderhamn's deciding committee by remit
/// with the double-funding stop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseJourneyTests(BrowserApp app) : BrowserTestBase(app)
{
    private static readonly string[] StenungsundDocuments =
    [
        "Stadgar", "Beskrivning av föreningens verksamhetsidé och ordinarie verksamhet", "Årsmötesprotokoll", "Verksamhetsberättelse",
        "Ekonomisk berättelse med bokslut", "Revisionsberättelse", "Verksamhetsplan och styrelseförteckning", "Uppgift om medlemsantal",
    ];

    private static Task<string> MainText(IPage page) => page.Locator("main").InnerTextAsync();

    private async Task SignOutAsync(IPage page) => await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();

    [Fact]
    public Task In_Stenungsund_a_representative_proposes_an_official_prepares_and_a_committee_member_records_the_decision() =>
        WithPageAsync("journey-stenungsund", async page =>
        {
            var year = int.Parse(Today()[..4], System.Globalization.CultureInfo.InvariantCulture) + 1;

            // The association's office registers the initiative; a missing required answer is refused and nothing typed is lost.
            await SignInAsync(page, "kansli@stenungsundsif.example");
            await page.GetByRole(AriaRole.Link, new() { Name = "Ärenden" }).ClickAsync();
            await AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Registrera initiativ" }).ClickAsync();
            await page.GetByLabel("Kommun", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Stenungsunds kommun" });
            await page.GetByLabel("Rubrik", new() { Exact = true }).FillAsync("Boule för seniorer och unga");
            await page.GetByLabel("Idé", new() { Exact = true }).FillAsync("Föreningens boulesektion bjuder in seniorer och unga till gemensam träning två kvällar i veckan.");
            await page.GetByLabel("Målgrupp", new() { Exact = true }).FillAsync("Seniorer 65+ och unga 13–19 år");
            await page.GetByLabel("Tänkt start").FillAsync($"{year}-01-01");
            await page.GetByLabel("Tänkt slut").FillAsync($"{year}-12-31");
            await page.GetByLabel("Ungefärligt belopp från kommunen per år").FillAsync("180 tkr");
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrera initiativet" }).ClickAsync();
            Assert.Contains("redan bedriva liknande verksamhet", await MainText(page));
            Assert.Equal("Boule för seniorer och unga", await page.GetByLabel("Rubrik", new() { Exact = true }).InputValueAsync());
            await AssertAccessibleAsync(page);
            await page.GetByLabel("Liknande verksamhet som organisationen redan bedriver").FillAsync("Boulesektionen har tränat varje vecka sedan 2012.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrera initiativet" }).ClickAsync();
            Assert.Contains("Initiativet är registrerat", await MainText(page));
            var caseUrl = page.Url;
            await AssertAccessibleAsync(page);

            // … reads what the association can do itself, and hands in the eight documents Stenungsund's guidelines require.
            Assert.Contains("Var ärendet står och vad ni kan göra", await MainText(page));
            Assert.Contains("Lämna in stadgar.", await MainText(page));
            await page.GetByRole(AriaRole.Link, new() { Name = "Lämna in handlingar för Stenungsunds Idrottsförening" }).ClickAsync();
            foreach (var kind in StenungsundDocuments)
            {
                await page.GetByLabel("Sorts handling").SelectOptionAsync(kind);
                await page.GetByLabel("Fil", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = $"{kind}.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
                await page.GetByRole(AriaRole.Button, new() { Name = "Lämna in" }).ClickAsync();
                Assert.Contains("är inlämnad", await MainText(page));
            }

            await AssertAccessibleAsync(page);
            await SignOutAsync(page);

            // The official leads the dialogue and judges the nine criteria and the suitability.
            await SignInAsync(page, "handlaggare@stenungsund.example");
            await page.GetByRole(AriaRole.Link, new() { Name = "Boule för seniorer och unga: initiativ." }).ClickAsync();
            Assert.Equal(caseUrl, page.Url.Split('#')[0]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Inled dialogen" }).ClickAsync();
            Assert.Contains("Ärendet är nu i steget dialog", await MainText(page));
            await page.GetByLabel("Datum", new() { Exact = true }).FillAsync(Today());
            await page.GetByLabel("Deltagare från kommunen").FillAsync("Henrik Handläggare, kultur och fritid");
            await page.GetByLabel("Deltagare från organisationen").FillAsync("Ingrid Idrottsson, Bo Boule");
            await page.GetByLabel("Vad parterna enades om: gemensam målbild").FillAsync("Fler seniorer och unga rör sig tillsammans.");
            await page.GetByLabel("Vad parterna enades om: värdegrund").FillAsync("Alla är välkomna oavsett förkunskaper.");
            await page.GetByLabel("Bilagor").SetInputFilesAsync(new FilePayload { Name = "Minnesanteckningar.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
            await page.GetByRole(AriaRole.Button, new() { Name = "Logga mötet" }).ClickAsync();
            Assert.Contains("Dialogmötet är loggat", await MainText(page));
            Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Minnesanteckningar.pdf" }).CountAsync());
            await AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Pröva förutsättningarna" }).ClickAsync();

            var criteria = page.Locator("#eligibility fieldset.judgement");
            Assert.Equal(10, await criteria.CountAsync()); // nine criteria and the remit
            for (var i = 0; i < 9; i++)
            {
                await criteria.Nth(i).GetByLabel("Uppfyllt", new() { Exact = true }).CheckAsync();
                await criteria.Nth(i).GetByLabel("Motivering").FillAsync($"Uppfyllt enligt dialogmötet (punkt {i + 1}).");
            }

            await criteria.Nth(9).GetByLabel("Ja").CheckAsync();
            await criteria.Nth(9).GetByLabel("Motivering").FillAsync("Motion för kommuninvånare ligger inom kommunens kompetens.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara bedömningen" }).ClickAsync();
            Assert.Contains("Bedömningen av förutsättningarna är sparad", await MainText(page));
            await AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Gå vidare till lämplighetsbedömning" }).ClickAsync();

            var aspects = page.Locator("#suitability fieldset.judgement");
            for (var i = 0; i < 4; i++)
            {
                await aspects.Nth(i).GetByLabel("Talar för").CheckAsync();
                await aspects.Nth(i).GetByLabel("Motivering").FillAsync("Sektionen har ledare, banor och lång erfarenhet.");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Spara bedömningen" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Gå vidare till utkast" }).ClickAsync();
            var text = await MainText(page);
            Assert.Contains("Beslutande organ: Kommunstyrelsen.", text);
            Assert.Contains("Enligt riktlinjerna beslutar kommunstyrelsen om alla IOP.", text);
            Assert.Contains("180\u00A0000\u00A0kr", text);
            await AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Skicka till kommunstyrelsen för beslut" }).ClickAsync();
            Assert.Contains("Ärendet är nu i steget beslut", await MainText(page));
            await SignOutAsync(page);

            // A member of kommunstyrelsen finds it first on her start page and records the decision with § and diarienummer.
            await SignInAsync(page, "ledamot@stenungsund.example");
            await AssertAccessibleAsync(page);
            await page.Locator("ul.todo").First.GetByRole(AriaRole.Link, new() { Name = "Beslut: Boule för seniorer och unga" }).ClickAsync();
            await page.GetByLabel("Paragraf", new() { Exact = true }).FillAsync("§ 231");
            await page.GetByLabel("Diarienummer", new() { Exact = true }).FillAsync($"KS {year - 1}/777");
            await page.GetByLabel("Beviljas", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Beslutstext", new() { Exact = true }).FillAsync("Kommunstyrelsen beslutar att ingå idéburet offentligt partnerskap med Stenungsunds Idrottsförening om boule.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrera beslutet" }).ClickAsync();
            text = await MainText(page);
            Assert.Contains("Beslutet är registrerat. Ärendet är beviljat.", text);
            Assert.Contains($"Kommunstyrelsen § 231, KS {year - 1}/777", text);
            await AssertAccessibleAsync(page);
        });

    [Fact]
    public Task In_Söderhamn_the_committee_is_derived_by_remit_and_double_funding_stops_the_case() =>
        WithPageAsync("journey-soderhamn", async page =>
        {
            await SignInAsync(page, "handlaggare@soderhamn.example");
            await page.GetByRole(AriaRole.Link, new() { Name = "Nattvandringar helger i Söderhamns centrum: utkast till överenskommelse." }).ClickAsync();
            var text = await MainText(page);
            Assert.Contains("Möjlig dubbelfinansiering.", text);
            Assert.Contains("Nattvandring i centrum", text);
            Assert.Contains("Ange vilken nämnds ansvarsområde verksamheten hör till.", text);
            await AssertAccessibleAsync(page);

            await page.GetByText("Ändra avtalstid, belopp och ansvarig nämnd").ClickAsync();
            await page.GetByLabel("Socialnämnden", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
            text = await MainText(page);
            Assert.Contains("Beslutande organ: Socialnämnden. Verksamheten ligger inom socialnämndens ansvarsområde.", text);
            Assert.Contains("Nämndens ram för IOP per år", text);
            await AssertAccessibleAsync(page);

            await page.GetByRole(AriaRole.Button, new() { Name = "Skicka till socialnämnden för beslut" }).ClickAsync();
            Assert.Contains("bedöm om det är dubbelfinansiering", await page.Locator(".error-summary").InnerTextAsync());
            await AssertAccessibleAsync(page);
            await page.GetByLabel("Ja, samma verksamhet").CheckAsync();
            await page.Locator("#doublefunding").GetByLabel("Motivering").FillAsync("Kultur- och fritidsnämndens bidrag betalar samma nattvandring.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara bedömningen" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Skicka till socialnämnden för beslut" }).ClickAsync();
            Assert.Contains("riktlinjerna tillåter inte dubbelfinansiering", await page.Locator(".error-summary").InnerTextAsync());
            Assert.Contains("Steg: Utkast till överenskommelse", await MainText(page));

            // The register behind the flag, and the committees' frames.
            await page.GetByRole(AriaRole.Link, new() { Name = "Kommunen", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Annat stöd till organisationer" }).ClickAsync();
            Assert.Contains("Nattvandring i centrum", await MainText(page));
            await AssertAccessibleAsync(page);
            await page.GoBackAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Nämndernas ramar för IOP" }).ClickAsync();
            Assert.Contains("1\u00A0200\u00A0000\u00A0kr", await MainText(page));
            await AssertAccessibleAsync(page);
        });
}
