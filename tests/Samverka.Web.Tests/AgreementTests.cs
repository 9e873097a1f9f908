using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Web.Features.Agreements;
using Samverka.Web.Features.Cases;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>Agreements through the API on both databases: the Söråker transcription, the documents opened for real, and the road from draft to an immutable signed version.</summary>
public abstract class AgreementTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private const string TimraOfficial = "handlaggare@timra.example";
    private const string IfRep = "kansli@stenungsundsif.example";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"u8.ToArray();

    private int Year => App.Clock.GetUtcNow().Year;

    private Task<Guid> Soraker() => App.WithDbAsync(db => db.Agreements.Where(a => a.AmendsId == null && db.Municipalities.Any(m => m.Id == a.MunicipalityId && m.Slug == "timra")).Select(a => a.Id).SingleAsync(Ct));

    /// <summary>A one-page PDF that opens in a reader, as a scanner makes (a standard font: ASCII text only).</summary>
    private static byte[] ScannedPdf(string text)
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        return builder.Build();
    }

    private static async Task<AgreementDto> PostAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync(Ct))}");
        return await response.ReadAsync<AgreementDto>();
    }

    private static async Task<(HttpStatusCode Status, string Body)> RefusedAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body, Ct);
        return (response.StatusCode, System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {process.StandardError.ReadToEnd()}");
        return output.Replace('\u00A0', ' ');
    }

    [Fact]
    public async Task The_Soraker_agreement_computes_its_budget_and_warns_about_995_tkr_and_176_hours()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var a = await (await timra.GetAsync($"/api/v1/agreements/{await Soraker()}", Ct)).ReadAsync<AgreementDto>();
        Assert.Equal(["Timrå kommun", "Söråkers Folketshusförening"], a.Parties.Select(p => p.Name));
        Assert.Equal((new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), new DateOnly(2018, 11, 1)), (a.TermStart!.Value, a.TermEnd!.Value, a.Facts.ExtensionDecidedIn!.Value));
        Assert.Equal((530_000m, 990_440m, 1_760m), (a.Summary.MunicipalTotal, a.Summary.OrganisationTotal, a.Summary.VolunteerHours));
        Assert.True(a.Summary.BothPartiesFinance);
        Assert.Equal(2, a.Summary.Warnings.Count);
        Assert.Contains(a.Summary.Warnings, w => w.Message.Contains("995\u00A0000\u00A0kr") && w.Message.Contains("991\u00A0tkr"));
        Assert.Contains(a.Summary.Warnings, w => w.Message.Contains("176\u00A0tim"));
        Assert.Equal(["Lars Backlund", "Ronny Rönnbäck", "Christina Thonman", "Eva Holmström"], a.SteeringGroup.Select(m => m.Name));
        Assert.Empty(a.Gaps);

        // Söderhamn does not see Timrå's agreement; the organisation that is a party does.
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsync(Demo.OtherMunicipalityOfficial)).GetAsync($"/api/v1/agreements/{a.Id}", Ct)).StatusCode);
        var rep = await (await (await App.ApiAsync(Demo.OrganisationRep)).GetAsync($"/api/v1/agreements/{a.Id}", Ct)).ReadAsync<AgreementDto>();
        Assert.False(rep.Permissions.Edit);
    }

    [Fact]
    public async Task The_PDF_is_A4_archival_with_embedded_fonts_and_reads_like_the_original()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var response = await timra.GetAsync($"/api/v1/agreements/{await Soraker()}/document.pdf", Ct);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var file = Path.Combine(Path.GetTempPath(), $"samverka-{Guid.NewGuid()}.pdf");
        await File.WriteAllBytesAsync(file, bytes, Ct);
        if (Environment.GetEnvironmentVariable("SAMVERKA_SCREENSHOTS") == "1")
        {
            var artifacts = Path.Combine(AppContext.BaseDirectory, "../../../../../test-artifacts/documents");
            Directory.CreateDirectory(artifacts);
            await File.WriteAllBytesAsync(Path.Combine(artifacts, "soraker.pdf"), bytes, Ct);
        }
        try
        {
            var text = System.Text.RegularExpressions.Regex.Replace(Run("pdftotext", "-layout", file, "-"), @"\s+", " ");
            foreach (var expected in new[]
            {
                "Idéburet offentligt partnerskap mellan Timrå kommun och Söråkers Folketshusförening", "2. Värdegrund", "11. Budget",
                "Budget 2018, Söråkers Folketshusförening", "44 veckor × 40 tim × 134 kr", "235 840 kr", "990 440 kr", "530 000 kr",
                "Löptid: 2018-01-01 – 2018-12-31", "beslutas i november 2018", "Lars Backlund", "FN:s konvention om barnets rättigheter",
                "Christina Thonman", "Sida 1 av", "Version 1",
            })
            {
                Assert.Contains(expected, text);
            }

            // The target group is printed once; a line's note is with the line, not its calculation; the signatures have a place.
            Assert.DoesNotContain("Målgrupp: ", text);
            Assert.Matches("Material, utrustning, projektskap – Till( [0-9  ]+kr)? exempel musikal, scenografi", text); // in the line's column, wrapped beside its amount
            Assert.DoesNotContain("45 tkr – Till exempel", text);
            Assert.Contains("Ort: ____", text);
            var name = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
            Assert.Equal("Idéburet-offentligt-partnerskap-mellan-Timrå-kommun-och-v1.pdf", name.Trim('"')); // whole words, not "…-och-Sörå-v1.pdf"

            // A decided agreement names its diarienummer and decision on page 1, not only in the footer.
            var henrik = await App.ApiAsync(Demo.Official);
            var decided = await App.WithDbAsync(db => db.Agreements.Where(x => x.State != Domain.Agreements.AgreementState.Draft && x.MunicipalityId == db.Municipalities.Where(m => m.Name == "Stenungsunds kommun").Select(m => m.Id).First())
                .Select(x => x.Id).FirstAsync(Ct));
            await File.WriteAllBytesAsync(file, await (await henrik.GetAsync($"/api/v1/agreements/{decided}/document.pdf", Ct)).Content.ReadAsByteArrayAsync(Ct), Ct);
            var first = System.Text.RegularExpressions.Regex.Replace(Run("pdftotext", "-f", "1", "-l", "1", "-layout", file, "-"), @"\s+", " ");
            Assert.Matches(@"Diarienummer KS \d{4}/412\. Beslutad av kommunstyrelsen \d{4}-\d{2}-\d{2}, § 88\.", first);

            var info = Run("pdfinfo", file);
            Assert.Matches(@"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts", info); // A4
            var fonts = Run("pdffonts", file).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
            Assert.NotEmpty(fonts);
            Assert.All(fonts, f => Assert.Matches(@"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", f)); // "emb" column
            var raw = System.Text.Encoding.Latin1.GetString(bytes);
            Assert.Contains("pdfaid:part", raw);
            Assert.Contains("OutputIntent", raw);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_Word_document_is_a_valid_package_with_the_same_headings_and_totals()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var id = await Soraker();
        var a = await (await timra.GetAsync($"/api/v1/agreements/{id}", Ct)).ReadAsync<AgreementDto>();
        var bytes = await (await timra.GetAsync($"/api/v1/agreements/{id}/document.docx", Ct)).Content.ReadAsByteArrayAsync(Ct);
        using var stream = new MemoryStream(bytes);
        using var doc = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(doc, Ct).Select(e => $"{e.Description} at {e.Path?.XPath}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var body = doc.MainDocumentPart!.Document!.Body!;
        var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading2").Select(p => p.InnerText).ToList();
        Assert.Equal(a.Sections.Select(s => $"{s.Number}. {s.Heading}"), headings);
        Assert.Equal(a.Title, body.Elements<Paragraph>().First(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").InnerText);
        var tables = body.Elements<Table>().ToList();
        Assert.Equal(2, tables.Count);
        Assert.Contains("990\u00A0440\u00A0kr", tables[1].Elements<TableRow>().Last().InnerText);
        Assert.Equal(JustificationValues.Right, tables[1].Descendants<Justification>().First().Val!.Value);
        Assert.Contains("SHA-256", doc.MainDocumentPart.FooterParts.Single().Footer!.InnerText);
    }

    [Fact]
    public async Task Bad_input_to_the_budget_and_the_term_is_refused_in_Swedish_and_nothing_is_lost()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var id = await Soraker();
        var a = await (await timra.GetAsync($"/api/v1/agreements/{id}", Ct)).ReadAsync<AgreementDto>();
        var soraker = a.Parties[1].Id;
        var url = $"/api/v1/agreements/{id}";

        var (status, body) = await RefusedAsync(timra, $"{url}/budget-lines", new { version = a.Version, partyId = soraker, year = 2018, label = "Lokaler", category = "Premises", calculation = "-44 veckor × 3 750 kr" });
        Assert.Equal((HttpStatusCode.BadRequest, true, true), (status, body.Contains("\"calculation\""), body.Contains("negativa")));
        (status, body) = await RefusedAsync(timra, $"{url}/budget-lines", new { version = a.Version, partyId = soraker, year = 2018, label = "Lokaler", category = "Premises", calculation = "44 parsec × 3 750 kr" });
        Assert.Contains("Okänd enhet ”parsec”", body);
        (status, body) = await RefusedAsync(timra, $"{url}/term", new { version = a.Version, termStart = "2018-01-01", termEnd = "2023-01-01" });
        Assert.Equal((HttpStatusCode.BadRequest, true), (status, body.Contains("högst 4 år")));
        (status, body) = await RefusedAsync(timra, $"{url}/term", new { version = a.Version, termStart = "2018-06-01", termEnd = "2018-01-01" });
        Assert.Contains("Slutdatum kan inte vara före startdatum", body);
        (status, body) = await RefusedAsync(timra, $"{url}/signatures", new { version = a.Version, signatoryId = a.Signatories[0].Id, signedOn = "2021-12-" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("fullständigt datum", body);

        var after = await (await timra.GetAsync(url, Ct)).ReadAsync<AgreementDto>();
        Assert.Equal((a.Number, a.ContentSha256, 9), (after.Number, after.ContentSha256, after.Budget.Count));
    }

    [Fact]
    public async Task An_agreement_is_drafted_from_the_case_frozen_for_decision_signed_by_all_and_then_immutable_and_verifiable()
    {
        var official = await App.ApiAsync(Demo.Official);
        var rep = await App.ApiAsync(IfRep);
        var c = await OpenAndPrepareAsync(official, rep);

        var created = await official.PostAsync($"/api/v1/cases/{c.Id}/agreement", null, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var a = await created.ReadAsync<AgreementDto>();
        Assert.Equal(12, a.Sections.Count);
        Assert.Contains("simma", a.Sections[0].Text);
        Assert.Equal("Öppenhet och trygghet.", a.Sections[1].Text); // the values agreed in dialogue
        Assert.Contains("kan den idéburna verksamheten bli återbetalningsskyldig", a.Sections[9].Text); // Stenungsund's standard clause
        Assert.Contains("betalas ut en gång per år efter att uppföljningen godkänts", a.Sections[7].Text);
        Assert.Equal(HttpStatusCode.Conflict, (await official.PostAsync($"/api/v1/cases/{c.Id}/agreement", null, Ct)).StatusCode);
        var (municipality, organisation) = (a.Parties[0].Id, a.Parties[1].Id);
        var url = $"/api/v1/agreements/{a.Id}";

        foreach (var s in a.Sections.Where(s => s.Text.Length == 0 && !Agreement.IsGenerated(s.Heading)))
        {
            a = await PostAsync(official, $"{url}/sections", new { version = a.Version, number = s.Number, text = $"Parterna är överens om {s.Heading.ToLowerInvariant()}." });
        }

        a = await PostAsync(official, $"{url}/budget-lines", new { version = a.Version, partyId = municipality, year = Year + 1, label = "Verksamhetsstöd", category = "OperatingGrant", calculation = "500 tkr" });
        a = await PostAsync(official, $"{url}/budget-lines", new { version = a.Version, partyId = organisation, year = Year + 1, label = "Ideella simtränare", category = "Volunteers", inKind = true, calculation = "40 veckor × 6 tim × 134 kr" });
        Assert.Equal((500_000m, 32_160m, 240m), (a.Summary.MunicipalTotal, a.Summary.OrganisationTotal, a.Summary.VolunteerHours));
        Assert.Contains("Ange vem som skriver under för Stenungsunds Idrottsförening.", a.Gaps);
        // A list is bounded by what a real agreement needs (5 000 signatories were once accepted): refused, nothing stored.
        var versionBefore = a.Version;
        var (tooMany, refusal) = await RefusedAsync(official, $"{url}/signatories", new
        {
            version = a.Version,
            signatories = Enumerable.Range(0, 5000).Select(i => new { partyId = municipality, name = $"Person {i}", title = "Ledamot" }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
        Assert.Contains("Högst 20 undertecknare", System.Text.RegularExpressions.Regex.Unescape(refusal));
        Assert.Contains("\"signatories\"", refusal);
        Assert.Equal(versionBefore, (await App.WithDbAsync(db => db.Agreements.SingleAsync(x => x.Id == a.Id, Ct))).Version);
        a = await PostAsync(official, $"{url}/signatories", new
        {
            version = a.Version,
            signatories = new[] { new { partyId = municipality, name = "Sara Styrman", title = "Kommunstyrelsens ordförande" }, new { partyId = organisation, name = "Ingrid Idrottsson", title = "Ordförande" } },
        });
        Assert.Empty(a.Gaps);
        // Sending the case to decision freezes the agreement, once the two agree on the term.
        await UploadAllDocumentsAsync(rep, c.Rules.RequiredDocuments);
        a = await PostAsync(official, $"{url}/term", new { version = a.Version, termStart = new DateOnly(Year + 1, 2, 1), termEnd = new DateOnly(Year + 1, 12, 31) });
        var mismatch = await RefusedAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = (await App.WithDbAsync(db => db.Cases.SingleAsync(x => x.Id == c.Id, Ct))).Version });
        Assert.Equal((HttpStatusCode.BadRequest, true), (mismatch.Status, mismatch.Body.Contains("Avtalstiden i överenskommelsen och i ärendet skiljer sig åt")));
        a = await PostAsync(official, $"{url}/term", new { version = a.Version, termStart = new DateOnly(Year + 1, 1, 1), termEnd = new DateOnly(Year + 1, 12, 31) });
        var draftVersion = a.Number;

        var sent = await official.PostAsJsonAsync($"/api/v1/cases/{c.Id}/advance", new { version = (await App.WithDbAsync(db => db.Cases.SingleAsync(x => x.Id == c.Id, Ct))).Version }, Ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        a = await (await official.GetAsync(url, Ct)).ReadAsync<AgreementDto>();
        Assert.Equal((AgreementState.InDecision, draftVersion), (a.State, a.FrozenNumber!.Value));
        var (status, body) = await RefusedAsync(official, $"{url}/sections", new { version = a.Version, number = 1, text = "Ändrat i smyg." });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("låst", body);

        var member = await App.ApiAsync(Demo.CommitteeMember);
        var decided = await member.PostAsJsonAsync($"/api/v1/cases/{c.Id}/decisions", new
        {
            version = (await App.WithDbAsync(db => db.Cases.SingleAsync(x => x.Id == c.Id, Ct))).Version, meetingDate = new DateOnly(2026, 11, 16),
            paragraph = "§ 230", caseNumber = $"KS {Year}/610", text = "Kommunstyrelsen godkänner överenskommelsen.", approved = true,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        a = await (await official.GetAsync(url, Ct)).ReadAsync<AgreementDto>();
        Assert.Equal((AgreementState.Approved, $"KS {Year}/610"), (a.State, a.Decision!.CaseNumber));

        a = await PostAsync(official, $"{url}/signatures", new { version = a.Version, signatoryId = a.Signatories[0].Id, signedOn = "2026-11-18" });
        Assert.Equal(AgreementState.Approved, a.State);
        a = await PostAsync(official, $"{url}/signatures", new { version = a.Version, signatoryId = a.Signatories[1].Id, signedOn = "2026-11-20" });
        Assert.Equal((AgreementState.Signed, new DateOnly(2026, 11, 20)), (a.State, a.SignedOn!.Value));
        Assert.Equal(a.ContentSha256, a.SignedSha256);
        var verification = await (await official.GetAsync($"{url}/verification", Ct)).ReadAsync<VerificationDto>();
        Assert.True(verification.Matches);
        (status, _) = await RefusedAsync(official, $"{url}/budget-lines", new { version = a.Version, partyId = municipality, year = Year + 1, label = "Mer", category = "Other", calculation = "1 kr" });
        Assert.Equal(HttpStatusCode.Conflict, status);

        // A scanned signed copy is kept with its hash; only a PDF that opens as one is accepted.
        var scanned = ScannedPdf("Signed by both parties 2026-11-20");
        var notPdf = await official.PostAsync($"{url}/scan", new MultipartFormDataContent { { new ByteArrayContent("\x89PNG\r\n\x1a\n0000"u8.ToArray()), "file", "skanning.png" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notPdf.StatusCode);
        var polyglot = await official.PostAsync($"{url}/scan", new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"u8.ToArray()), "file", "kopia.pdf" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, polyglot.StatusCode);
        Assert.Contains("går att öppna", System.Text.RegularExpressions.Regex.Unescape(await polyglot.Content.ReadAsStringAsync(Ct)));
        var scan = await official.PostAsync($"{url}/scan", new MultipartFormDataContent { { new ByteArrayContent(scanned), "file", "underskriven.pdf" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        a = await scan.ReadAsync<AgreementDto>();
        var firstHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scanned));
        Assert.Equal(firstHash, a.ScanSha256);
        Assert.Equal(scanned, await (await official.GetAsync($"{url}/scan", Ct)).Content.ReadAsByteArrayAsync(Ct));

        // Once attached the scan is kept: replacing it is refused; a correction is added beside it, and both can be fetched.
        var corrected = ScannedPdf("Signed by both parties 2026-11-20, every page");
        var replace = await official.PostAsync($"{url}/scan", new MultipartFormDataContent { { new ByteArrayContent(corrected), "file", "ny.pdf" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, replace.StatusCode);
        Assert.Contains("\"correction\"", await replace.Content.ReadAsStringAsync(Ct));
        Assert.Equal([firstHash], (await App.WithDbAsync(db => db.Agreements.AsNoTracking().SingleAsync(x => x.Id == a.Id, Ct))).Scans.Select(x => x.Sha256));
        a = await (await official.PostAsync($"{url}/scan", new MultipartFormDataContent
        {
            { new ByteArrayContent(corrected), "file", "ny.pdf" }, { new StringContent("Sidan 3 saknades i den första inskanningen."), "correction" },
        }, Ct)).ReadAsync<AgreementDto>();
        Assert.Equal([firstHash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(corrected))], a.Scans.Select(x => x.Sha256));
        Assert.Equal((null, "Sidan 3 saknades i den första inskanningen."), (a.Scans[0].Correction, a.Scans[1].Correction));
        Assert.Equal(a.Scans[1].Sha256, a.ScanSha256);
        Assert.Equal(scanned, await (await official.GetAsync($"{url}/scans/{a.Scans[0].FileId}", Ct)).Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(corrected, await (await official.GetAsync($"{url}/scan", Ct)).Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await official.GetAsync($"{url}/scans/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(a.SignedSha256, a.ContentSha256); // attaching the copy does not touch the signed content

        // Every save was a version; the last carries the signed hash; the diff from the first names what changed.
        var versions = await (await official.GetAsync($"{url}/versions?pageSize=100", Ct)).ReadAsync<Features.Api.Page<AgreementVersionDto>>();
        Assert.Equal(a.Number, versions.Total);
        Assert.Equal(a.SignedSha256, versions.Items[0].Sha256);
        var diff = await (await official.GetAsync($"{url}/versions/1/diff/{a.Number}", Ct)).ReadAsync<List<Domain.Agreements.AgreementChange>>();
        Assert.Contains(diff, d => d.What == $"Budget: Verksamhetsstöd {Year + 1}" && d.Before is null);
        Assert.Contains(diff, d => d.What == "Undertecknare" && d.After!.Contains("undertecknat 2026-11-20"));

        // Tampering with the stored content is detected.
        var stored = await App.WithDbAsync(db => db.Agreements.AsNoTracking().SingleAsync(x => x.Id == a.Id, Ct));
        var tampered = stored.Content with { Signatories = stored.Content.Signatories.Select(x => x with { Name = x.Name.Replace("Idrottsson", "Idrotts", StringComparison.Ordinal) }).ToList() };
        await App.WithDbAsync(db => db.Agreements.Where(x => x.Id == a.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Content, tampered), Ct));
        Assert.False((await (await official.GetAsync($"{url}/verification", Ct)).ReadAsync<VerificationDto>()).Matches);

        // A change after signing is an amendment: a new draft pointing at the original.
        var amendment = await (await official.PostAsync($"{url}/amendments", null, Ct)).ReadAsync<AgreementDto>();
        Assert.Equal((a.Id, 1, AgreementState.Draft), (amendment.AmendsId!.Value, amendment.AmendmentNumber, amendment.State));
        Assert.StartsWith("Tillägg 1 till", amendment.Title);
    }

    [Fact]
    public async Task On_the_pages_the_budget_is_built_line_by_line_and_a_refused_line_keeps_what_was_typed()
    {
        var page = await App.SignInAsync(TimraOfficial);
        var id = await Soraker();
        var list = await page.GetStringAsync("/overenskommelser", Ct);
        Assert.Contains("Idéburet offentligt partnerskap mellan Timrå kommun och Söråkers Folketshusförening", list);
        var html = await page.GetStringAsync($"/overenskommelser/{id}", Ct);
        Assert.Contains("Siffror i dokumentet stämmer inte med beräkningen", html);
        Assert.Contains("990&#xA0;440&#xA0;kr", html);
        Assert.Contains("Lars Backlund", html);

        var a = await (await (await App.ApiAsync(TimraOfficial)).GetAsync($"/api/v1/agreements/{id}", Ct)).ReadAsync<AgreementDto>();
        var refused = await page.PostFormFromAsync($"/overenskommelser/{id}", $"/overenskommelser/{id}?handler=Line",
            ("Line.Version", a.Version.ToString()), ("Line.PartyId", a.Parties[1].Id.ToString()), ("Line.Year", "2018"), ("Line.Label", "Scenografi"),
            ("Line.Category", "Material"), ("Line.Calculation", "12 furlongs × 300 kr"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"Line_Calculation-error\"", html);
        Assert.Contains("Okänd enhet", html);
        Assert.Contains("value=\"12 furlongs × 300 kr\"", html);
        Assert.Contains("value=\"Scenografi\"", html);

        var accepted = await page.PostFormFromAsync($"/overenskommelser/{id}", $"/overenskommelser/{id}?handler=Line",
            ("Line.Version", a.Version.ToString()), ("Line.PartyId", a.Parties[1].Id.ToString()), ("Line.Year", "2018"), ("Line.Label", "Scenografi"),
            ("Line.Category", "Material"), ("Line.Calculation", "12 st × 300 kr"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var after = await (await (await App.ApiAsync(TimraOfficial)).GetAsync($"/api/v1/agreements/{id}", Ct)).ReadAsync<AgreementDto>();
        Assert.Equal((a.Number + 1, 994_040m), (after.Number, after.Summary.OrganisationTotal));

        var diff = await page.GetStringAsync($"/overenskommelser/{id}/versioner?fran={a.Number}&till={after.Number}", Ct);
        Assert.Contains("Budget: Scenografi 2018", diff);
        var document = await page.GetStringAsync($"/overenskommelser/{id}/dokument", Ct);
        Assert.Contains("<h2>11. Budget</h2>", document);
        Assert.Contains("Budget 2018, Söråkers Folketshusförening", document);

        // Another municipality's official does not reach the page.
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignInAsync(Demo.OtherMunicipalityOfficial)).GetAsync($"/overenskommelser/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_agreement_page_reads_as_its_headings_with_each_section_opened_on_its_own_and_the_saved_one_open()
    {
        var page = await App.SignInAsync(TimraOfficial);
        var id = await Soraker();
        var html = WebUtility.HtmlDecode(await page.GetStringAsync($"/overenskommelser/{id}", Ct));
        Assert.Contains("<nav aria-label=\"På sidan\" class=\"on-this-page\">", html);
        Assert.Matches(@"<details class=""card section-text"" id=""avsnitt-1"">\s*<summary><h3>1\. Bakgrund</h3> <span class=""muted"">\d+ ord</span></summary>", html);
        Assert.Contains("<summary><h3>11. Budget</h3> <span class=\"muted\">fylls i från budgeten</span></summary>", html);
        Assert.DoesNotContain("section-text\" id=\"avsnitt-1\" open", html);

        var a = await (await (await App.ApiAsync(TimraOfficial)).GetAsync($"/api/v1/agreements/{id}", Ct)).ReadAsync<AgreementDto>();
        var saved = await page.PostFormFromAsync($"/overenskommelser/{id}", $"/overenskommelser/{id}?handler=Section",
            ("Section.Version", a.Version.ToString()), ("Section.Number", "2"), ("Section.Text", "Parterna delar värdegrunden att alla unga ska ha en meningsfull sysselsättning."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/overenskommelser/{id}?avsnitt=2#avsnitt-2", saved.Headers.Location!.OriginalString);
        html = await page.GetStringAsync(saved.Headers.Location.OriginalString, Ct);
        Assert.Contains("<details class=\"card section-text\" id=\"avsnitt-2\" open=\"open\">", html);
        Assert.Contains("<details class=\"card section-text\" id=\"avsnitt-1\">", html);
    }

    private async Task<CaseDto> OpenAndPrepareAsync(HttpClient official, HttpClient rep)
    {
        var response = await rep.PostAsJsonAsync("/api/v1/cases", new
        {
            municipalityId = await App.WithDbAsync(db => db.Municipalities.Where(m => m.Slug == "stenungsund").Select(m => m.Id).SingleAsync(Ct)),
            organisationId = await App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == Demo.StenungsundIf).Select(o => o.Id).SingleAsync(Ct)),
            title = "Simskola för nyanlända barn", idea = "Föreningens simtränare lär barn att simma.", targetGroup = "Barn 6–12 år",
            similarWork = "Föreningen har simskolor för 300 barn om året.", termStart = new DateOnly(Year + 1, 1, 1), termEnd = new DateOnly(Year + 1, 12, 31), amountPerYear = "500 tkr",
        }, Ct);
        var c = await response.ReadAsync<CaseDto>();
        var url = $"/api/v1/cases/{c.Id}";
        async Task<CaseDto> Post(string path, object body) => await (await official.PostAsJsonAsync(url + path, body, Ct)).ReadAsync<CaseDto>();
        c = await Post("/advance", new { version = c.Version });
        c = await Post("/meetings", new { version = c.Version, date = new DateOnly(2026, 11, 2), municipalityParticipants = "Henrik", organisationParticipants = "Ingrid", values = "Öppenhet och trygghet." });
        c = await Post("/advance", new { version = c.Version });
        c = await Post("/eligibility", new
        {
            version = c.Version, criteria = Enumerable.Range(1, c.Rules.Criteria.Count).Select(n => new { number = n, met = true, reason = "Uppfyllt." }),
            remitMet = true, remitReason = "Inom kommunens kompetens.",
        });
        c = await Post("/advance", new { version = c.Version });
        c = await Post("/suitability", new { version = c.Version, aspects = Enum.GetValues<SuitabilityAspect>().Select(x => new { aspect = x.ToString(), favourable = true, reason = "Ja." }) });
        return await Post("/advance", new { version = c.Version });
    }

    private async Task UploadAllDocumentsAsync(HttpClient rep, IEnumerable<string> kinds)
    {
        var organisation = await App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == Demo.StenungsundIf).Select(o => o.Id).SingleAsync(Ct));
        foreach (var kind in kinds)
        {
            var response = await rep.PostAsync($"/api/v1/organisations/{organisation}/documents",
                new MultipartFormDataContent { { new StringContent(kind), "kind" }, { new StringContent((Year - 1).ToString()), "year" }, { new ByteArrayContent(Pdf), "file", "handling.pdf" } }, Ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAgreementTests(SqliteApp app) : AgreementTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAgreementTests(PostgresApp app) : AgreementTests<PostgresApp>(app);
