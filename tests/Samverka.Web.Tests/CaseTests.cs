using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Cases;
using Samverka.Web.Features.Cases;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>The case from initiative to decision through the API, on both databases, with the refused shortcuts.</summary>
public abstract class CaseTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    public const string IfRep = "kansli@stenungsundsif.example";
    public const string TimraOfficial = "handlaggare@timra.example";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"u8.ToArray();

    private int Year => App.Clock.GetUtcNow().Year;

    private Task<Guid> MunicipalityId(string slug) =>
        App.WithDbAsync(db => db.Municipalities.Where(m => m.Slug == slug).Select(m => m.Id).SingleAsync(Ct));

    private Task<Guid> OrganisationId(string number) =>
        App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == number).Select(o => o.Id).SingleAsync(Ct));

    private Task<Guid> CommitteeId(string slug, string name) =>
        App.WithDbAsync(db => db.Committees.Where(c => c.Name == name && db.Municipalities.Any(m => m.Id == c.MunicipalityId && m.Slug == slug)).Select(c => c.Id).SingleAsync(Ct));

    private Task<Case> Stored(Guid id) => App.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct));

    private Task<Guid> DemoCase(string title) => App.WithDbAsync(db => db.Cases.Where(c => c.Title == title).Select(c => c.Id).SingleAsync(Ct));

    private static async Task<CaseDto> PostAsync(HttpClient api, string url, object body) => await (await api.PostAsJsonAsync(url, body, Ct)).ReadAsync<CaseDto>();

    private static async Task<(HttpStatusCode Status, string Body)> RefusedAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body, Ct);
        return (response.StatusCode, System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync(Ct)));
    }

    private async Task<CaseDto> OpenInStenungsundAsync(HttpClient rep, string amount = "500 tkr", int startYear = 0)
    {
        var start = startYear == 0 ? Year + 1 : startYear;
        var response = await rep.PostAsJsonAsync("/api/v1/cases", new
        {
            municipalityId = await MunicipalityId("stenungsund"), organisationId = await OrganisationId(Demo.StenungsundIf),
            title = "Simskola för nyanlända barn", idea = "Föreningens simtränare lär barn som kommit till Sverige de senaste åren att simma.",
            targetGroup = "Barn 6–12 år", similarWork = "Föreningen har simskolor för 300 barn om året.",
            termStart = new DateOnly(start, 1, 1), termEnd = new DateOnly(start, 12, 31), amountPerYear = amount,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<CaseDto>();
    }

    /// <summary>Dialogue, the nine criteria and remit, the four aspects: into draft.</summary>
    private static async Task<CaseDto> PrepareAsync(HttpClient official, CaseDto c)
    {
        var url = $"/api/v1/cases/{c.Id}";
        c = await PostAsync(official, $"{url}/advance", new { version = c.Version });
        c = await PostAsync(official, $"{url}/meetings", new
        {
            version = c.Version, date = new DateOnly(2026, 11, 2), municipalityParticipants = "Henrik Handläggare", organisationParticipants = "Ingrid Idrottsson, kanslichef",
            goal = "Alla barn i kommunen ska kunna simma när de går ut fjärde klass.", values = "Öppenhet och trygghet.", purpose = "Simkunnighet och gemenskap.",
        });
        c = await PostAsync(official, $"{url}/advance", new { version = c.Version });
        c = await PostAsync(official, $"{url}/eligibility", new
        {
            version = c.Version,
            criteria = Enumerable.Range(1, c.Rules.Criteria.Count).Select(n => new { number = n, met = true, reason = $"Uppfyllt, se dialogmötet (punkt {n})." }),
            remitMet = true, remitReason = "Simundervisning för barn ligger inom kommunens kompetens.",
        });
        c = await PostAsync(official, $"{url}/advance", new { version = c.Version });
        c = await PostAsync(official, $"{url}/suitability", new
        {
            version = c.Version,
            aspects = Enum.GetValues<SuitabilityAspect>().Select(a => new { aspect = a.ToString(), favourable = true, reason = "Föreningen har tränare och bassängtider." }),
        });
        return await PostAsync(official, $"{url}/advance", new { version = c.Version });
    }

    private async Task UploadAllDocumentsAsync(HttpClient rep, Guid organisation, IEnumerable<string> kinds)
    {
        foreach (var kind in kinds)
        {
            var response = await rep.PostAsync($"/api/v1/organisations/{organisation}/documents",
                new MultipartFormDataContent { { new StringContent(kind), "kind" }, { new StringContent((Year - 1).ToString()), "year" }, { new ByteArrayContent(Pdf), "file", "handling.pdf" } }, Ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task An_initiative_in_Stenungsund_goes_all_the_way_to_an_approved_decision_by_kommunstyrelsen()
    {
        var rep = await App.ApiAsync(IfRep);
        var official = await App.ApiAsync(Demo.Official);
        var c = await OpenInStenungsundAsync(rep);
        Assert.Equal((CaseState.Initiative, 500_000m, 1), (c.State, c.AmountPerYear, c.GuidelineNumber));
        // Each reader is told what is theirs: the organisation where the case stands and what it can hand in, the official the next move.
        Assert.Equal("Initiativet är registrerat. Kommunen hör av sig för att inleda en dialog med er.", c.NextSteps[0]);
        Assert.DoesNotContain(c.NextSteps, s => s.StartsWith("Inled dialogen", StringComparison.Ordinal));
        Assert.Equal("Inled dialogen med organisationen.", (await (await official.GetAsync($"/api/v1/cases/{c.Id}", Ct)).ReadAsync<CaseDto>()).NextSteps[0]);
        Assert.Equal(HttpStatusCode.Forbidden, (await RefusedAsync(rep, $"/api/v1/cases/{c.Id}/advance", new { version = c.Version })).Status);

        c = await PrepareAsync(official, c);
        Assert.Equal(CaseState.Draft, c.State);
        Assert.Equal(9, c.Criteria.Count);
        Assert.Contains("Handlingen ”Stadgar” saknas.", c.NextSteps);
        var (status, body) = await RefusedAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = c.Version });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("saknas", body);
        Assert.Equal(CaseState.Draft, (await Stored(c.Id)).State);

        await UploadAllDocumentsAsync(rep, await OrganisationId(Demo.StenungsundIf), c.Rules.RequiredDocuments);
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = (await Stored(c.Id)).Version });
        Assert.Equal(CaseState.Decision, c.State);
        Assert.Equal("Kommunstyrelsen", c.DecidingBody!.CommitteeName);
        Assert.Contains("beslutar kommunstyrelsen om alla IOP", c.DecidingBody.Reason);

        var member = await App.ApiAsync(Demo.CommitteeMember);
        var queue = await (await member.GetAsync("/api/v1/cases?awaitingDecision=true", Ct)).ReadAsync<Features.Api.Page<CaseSummaryDto>>();
        Assert.Contains(queue.Items, i => i.Id == c.Id && i.DecidingBody == "Kommunstyrelsen");
        // The page's queue, as the member reaches it from the tab: only what awaits a decision, and that tab marked.
        var page = await (await App.SignInAsync(Demo.CommitteeMember)).GetStringAsync("/arenden?beslut=1", Ct);
        Assert.Contains("<a href=\"/arenden?beslut=1\" aria-current=\"page\">Väntar på beslut</a>", page);
        var steps = System.Text.RegularExpressions.Regex.Matches(page, "<td data-label=\"Steg\">([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(queue.Items.Count, steps.Count);
        Assert.All(steps, step => Assert.Equal(CaseState.Decision.Swedish(), System.Net.WebUtility.HtmlDecode(step)));
        Assert.Contains($"/arenden/{c.Id}", page);

        // The demo's approved case already used KS {Year-1}/412 in Stenungsund.
        (status, body) = await RefusedAsync(member, $"/api/v1/cases/{c.Id}/decisions", new
        {
            version = c.Version, meetingDate = new DateOnly(2026, 11, 16), paragraph = "§ 214", caseNumber = $"KS {Year - 1}/412", text = "Beviljas.", approved = true,
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("redan använt", body);
        c = await PostAsync(member, $"/api/v1/cases/{c.Id}/decisions", new
        {
            version = c.Version, meetingDate = new DateOnly(2026, 11, 16), paragraph = "214", caseNumber = $"ks {Year}/501",
            text = "Kommunstyrelsen beslutar att ingå IOP med Stenungsunds Idrottsförening om simskola.", approved = true,
        });
        Assert.Equal(CaseState.Approved, c.State);
        Assert.Equal(($"KS {Year}/501", "§ 214", "Lena Ledamot"), (c.Decisions[0].CaseNumber, c.Decisions[0].Paragraph, c.Decisions[0].RecordedBy));
        Assert.Equal([CaseState.Initiative, CaseState.Dialogue, CaseState.Eligibility, CaseState.Suitability, CaseState.Draft, CaseState.Decision, CaseState.Approved],
            c.Transitions.Select(t => t.To));
        Assert.Equal(10, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Case" && a.EntityId == c.Id, Ct))); // every accepted change, no refused one
        Assert.True(await App.WithDbAsync(db => db.CaseNumbers.AnyAsync(n => n.Number == $"KS {Year}/501" && n.CaseId == c.Id, Ct)));
    }

    [Fact]
    public async Task Refused_moves_change_nothing_and_say_why_in_Swedish()
    {
        var official = await App.ApiAsync(Demo.Official);
        var id = await DemoCase("Läxhjälp och rörelse efter skolan");
        var before = await Stored(id);

        // A term beyond Stenungsund's five years.
        var (status, body) = await RefusedAsync(official, $"/api/v1/cases/{id}/details", new
        {
            version = before.Version, termStart = new DateOnly(Year + 1, 1, 1), termEnd = new DateOnly(Year + 6, 1, 1), amountPerYear = "350 000",
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"termEnd\"", body);
        Assert.Contains("högst 5 år", body);

        // Out of order: a decision while the case is in dialogue.
        (status, body) = await RefusedAsync(official, $"/api/v1/cases/{id}/decisions", new { version = before.Version, caseNumber = $"KS {Year}/9" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("registrera beslut när ärendet är i steget dialog", body);

        // A judgement of criteria before the eligibility step.
        (status, body) = await RefusedAsync(official, $"/api/v1/cases/{id}/eligibility", new { version = before.Version, criteria = new[] { new { number = 1, met = true, reason = "Ja" } } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("steget dialog", body);

        // A stale version.
        await PostAsync(official, $"/api/v1/cases/{id}/details", new { version = before.Version, amountPerYear = "360 000" });
        (status, body) = await RefusedAsync(official, $"/api/v1/cases/{id}/details", new { version = before.Version, amountPerYear = "1 kr" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Henrik Handläggare", body);

        var after = await Stored(id);
        Assert.Equal((CaseState.Dialogue, 360_000m, (DateOnly?)null), (after.State, after.AmountPerYear, after.TermEnd));
    }

    [Fact]
    public async Task Söderhamn_derives_the_deciding_committee_by_remit_and_stops_double_funding()
    {
        var official = await App.ApiAsync(Demo.OtherMunicipalityOfficial);
        var id = await DemoCase("Nattvandringar helger i Söderhamns centrum");
        var c = await (await official.GetAsync($"/api/v1/cases/{id}", Ct)).ReadAsync<CaseDto>();
        Assert.Null(c.DecidingBody);
        Assert.Equal("Ange vilken nämnds ansvarsområde verksamheten hör till.", c.DecidingBodyProblem);
        var flag = Assert.Single(c.DoubleFundingFlags);
        Assert.Contains("Nattvandring i centrum", flag.Reason);

        var social = await CommitteeId("soderhamn", "Socialnämnden");
        c = await PostAsync(official, $"/api/v1/cases/{id}/details", new { version = c.Version, remitCommitteeIds = new[] { social } });
        Assert.Equal("Socialnämnden", c.DecidingBody!.CommitteeName);
        Assert.Equal("Verksamheten ligger inom socialnämndens ansvarsområde.", c.DecidingBody.Reason);
        Assert.Contains(c.Budget.Years, y => y.Year == Year + 1 && y.Frame == 1_200_000m && y.ThisCase == 240_000m);

        var (status, body) = await RefusedAsync(official, $"/api/v1/cases/{id}/advance", new { version = c.Version });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("dubbelfinansiering", body);
        c = await PostAsync(official, $"/api/v1/cases/{id}/double-funding", new { version = c.Version, sameActivity = true, reason = "Bidraget betalar samma nattvandring." });
        (status, body) = await RefusedAsync(official, $"/api/v1/cases/{id}/advance", new { version = c.Version });
        Assert.Contains("tillåter inte dubbelfinansiering", body);
        Assert.Equal(CaseState.Draft, (await Stored(id)).State);

        // Across two committees, kommunstyrelsen decides.
        c = await PostAsync(official, $"/api/v1/cases/{id}/details", new { version = c.Version, remitCommitteeIds = new[] { social, await CommitteeId("soderhamn", "Kultur- och fritidsnämnden") } });
        Assert.Equal("Kommunstyrelsen", c.DecidingBody!.CommitteeName);
        Assert.Contains("flera nämnder", c.DecidingBody.Reason);
        Assert.Single(c.DoubleFundingFlags); // the grant is from kultur- och fritidsnämnden, not kommunstyrelsen
    }

    [Fact]
    public async Task An_ekonomisk_förening_is_refused_in_Stenungsund_and_examined_case_by_case_in_Söderhamn()
    {
        var initiative = new
        {
            orgNumber = "769612-3459", title = "Kooperativ läxhjälp", idea = "Kooperativets pedagoger håller läxhjälp på biblioteket.",
            targetGroup = "Barn 10–15 år", similarWork = "Kooperativet har drivit läxhjälp sedan 2020.",
        };
        var stenungsund = await RefusedAsync(await App.ApiAsync(Demo.Official), "/api/v1/cases", initiative);
        Assert.Equal(HttpStatusCode.BadRequest, stenungsund.Status);
        Assert.Contains("godtar inte associationsformen ekonomisk förening", stenungsund.Body);

        var official = await App.ApiAsync(Demo.OtherMunicipalityOfficial);
        var created = await official.PostAsJsonAsync("/api/v1/cases", initiative, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var c = await created.ReadAsync<CaseDto>();
        Assert.Equal(["Ekonomisk förening"], c.CaseByCaseLegalForms);
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = c.Version });
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/meetings", new
        {
            version = c.Version, date = new DateOnly(2026, 11, 2), municipalityParticipants = "Örjan Ärlig", organisationParticipants = "Styrelsen", purpose = "Läxhjälp.",
        });
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = c.Version });
        Assert.Contains("Pröva i det enskilda fallet om associationsformen (ekonomisk förening) kan godtas.", c.NextSteps);
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/eligibility", new
        {
            version = c.Version, legalFormAccepted = true, legalFormReason = "Överskottet återinvesteras enligt stadgarna; ingen utdelning.",
        });
        Assert.True(c.LegalFormJudgement!.Met);
        Assert.DoesNotContain(c.NextSteps, s => s.Contains("associationsformen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_the_page_a_duplicate_diarienummer_is_refused_beside_the_field_and_the_typed_decision_stays()
    {
        var rep = await App.ApiAsync(IfRep);
        var official = await App.ApiAsync(Demo.Official);
        var c = await PrepareAsync(official, await OpenInStenungsundAsync(rep));
        await UploadAllDocumentsAsync(rep, await OrganisationId(Demo.StenungsundIf), c.Rules.RequiredDocuments);
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = (await Stored(c.Id)).Version });

        var member = await App.SignInAsync(Demo.CommitteeMember);
        var response = await member.PostFormFromAsync($"/arenden/{c.Id}", $"/arenden/{c.Id}?handler=Decision",
            ("Decision.Version", c.Version.ToString()), ("Decision.MunicipalityId", c.Municipality.Id.ToString()), ("Decision.MeetingDate", "2026-11-16"),
            ("Decision.Paragraph", "§ 240"), ("Decision.CaseNumber", $"ks  {Year - 1}/412"), ("Decision.Approved", "true"), // the number written differently: only the unique key catches it
            ("Decision.Text", "Kommunstyrelsen beslutar att ingå IOP om simskola."));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"Decision_CaseNumber-error\"", html);
        Assert.Contains("är redan använt i kommunen", html);
        // The decision form is far down the page: its refusal takes the focus, so it is shown at the top of the window.
        Assert.Contains("<div id=\"fel\" autofocus=\"autofocus\" class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>Beslutet kunde inte registreras</h2>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, " autofocus="));
        Assert.Contains("Kommunstyrelsen beslutar att ingå IOP om simskola.", html);
        Assert.Contains("value=\"§ 240\"", html);
        Assert.DoesNotContain("Beslutet är registrerat", html);
        Assert.DoesNotContain("<h3>Kommunstyrelsen § 240", html); // the refused decision is not shown as recorded
        Assert.Equal(CaseState.Decision, (await Stored(c.Id)).State);
    }

    [Fact]
    public async Task An_approval_beyond_the_committees_frame_is_refused_unless_the_body_says_so()
    {
        var rep = await App.ApiAsync(IfRep);
        var official = await App.ApiAsync(Demo.Official);
        // The demo's partnership commits 600 000 kr of kommunstyrelsen's 3 000 000 kr next year: its agreement's grant, not the case's estimate of 1 200 000 kr.
        var c = await PrepareAsync(official, await OpenInStenungsundAsync(rep, amount: "2 600 000 kr"));
        await UploadAllDocumentsAsync(rep, await OrganisationId(Demo.StenungsundIf), c.Rules.RequiredDocuments);
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = (await Stored(c.Id)).Version });
        var year = Assert.Single(c.Budget.Years);
        Assert.Equal((3_000_000m, 600_000m, 2_600_000m, -200_000m), (year.Frame!.Value, year.Committed, year.ThisCase, year.Remaining!.Value));
        Assert.Equal(Domain.Funding.CommitmentBasis.Estimate, c.Budget.Basis); // no agreement yet: the case's estimate

        var decision = new { version = c.Version, meetingDate = new DateOnly(2026, 11, 16), paragraph = "§ 215", caseNumber = $"KS {Year}/502", text = "Beviljas.", approved = true };
        var (status, body) = await RefusedAsync(official, $"/api/v1/cases/{c.Id}/decisions", decision);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"decideBeyondFrame\"", body);
        Assert.Contains("200\u00A0000\u00A0kr", body);
        Assert.Equal(CaseState.Decision, (await Stored(c.Id)).State);
        Assert.False(await App.WithDbAsync(db => db.CaseNumbers.AnyAsync(n => n.Number == $"KS {Year}/502", Ct)));

        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/decisions", new
        {
            decision.version, decision.meetingDate, decision.paragraph, decision.caseNumber, decision.text, decision.approved, decideBeyondFrame = true,
        });
        Assert.Equal(CaseState.Approved, c.State);
        Assert.True(c.Decisions[0].DecidedBeyondFrame);
    }

    [Fact]
    public async Task A_partner_municipality_sees_the_case_and_records_its_own_decision()
    {
        var rep = await App.ApiAsync(IfRep);
        var official = await App.ApiAsync(Demo.Official);
        var timra = await App.ApiAsync(TimraOfficial);
        var c = await OpenInStenungsundAsync(rep);
        Assert.Equal(HttpStatusCode.NotFound, (await timra.GetAsync($"/api/v1/cases/{c.Id}", Ct)).StatusCode);
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/municipalities", new { version = c.Version, municipalityId = await MunicipalityId("timra") });
        Assert.Equal(["Stenungsunds kommun", "Timrå kommun"], c.Municipalities.Select(m => m.Name));

        var seen = await (await timra.GetAsync($"/api/v1/cases/{c.Id}", Ct)).ReadAsync<CaseDto>();
        Assert.False(seen.Permissions.Prepare);
        Assert.Equal(HttpStatusCode.Forbidden, (await RefusedAsync(timra, $"/api/v1/cases/{c.Id}/advance", new { version = c.Version })).Status);

        c = await PrepareAsync(official, c);
        await UploadAllDocumentsAsync(rep, await OrganisationId(Demo.StenungsundIf), c.Rules.RequiredDocuments);
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = (await Stored(c.Id)).Version });
        Assert.Equal("Kommunstyrelsen", c.DecidingBody!.CommitteeName); // Stenungsund: always kommunstyrelsen
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/decisions", new
        {
            version = c.Version, meetingDate = new DateOnly(2026, 11, 16), paragraph = "§ 216", caseNumber = $"KS {Year}/503", text = "Beviljas.", approved = true,
        });
        Assert.Equal(CaseState.Decision, c.State);
        Assert.Equal(["Registrera den deltagande kommunens beslut."], c.NextSteps);

        // Stenungsund's approval commits its money now, while Timrå has yet to decide: 600 000 kr (the demo's partnership) + 500 000 kr.
        var frames = await (await official.GetAsync($"/api/v1/municipalities/{c.Municipality.Id}/budget-frames?fromYear={Year + 1}&years=1", Ct))
            .ReadAsync<List<Features.Funding.FrameRowDto>>();
        Assert.Equal(1_100_000m, frames.Single(f => f.CommitteeName == "Kommunstyrelsen").Committed);

        // Timrå's own diarienummer may equal Stenungsund's: unique per municipality.
        c = await PostAsync(timra, $"/api/v1/cases/{c.Id}/decisions", new
        {
            version = c.Version, committeeId = await CommitteeId("timra", "Kommunstyrelsen"), meetingDate = new DateOnly(2026, 11, 18), paragraph = "§ 77",
            caseNumber = $"KS {Year}/503", text = "Timrå kommun deltar.", approved = true,
        });
        Assert.Equal(CaseState.Approved, c.State);
        Assert.Equal(2, c.Decisions.Count);
    }

    [Fact]
    public async Task On_the_page_a_meeting_is_logged_with_its_attachment_and_a_refused_one_keeps_what_was_typed()
    {
        var official = await App.SignInAsync(Demo.Official);
        var id = await DemoCase("Läxhjälp och rörelse efter skolan");
        var version = (await Stored(id)).Version;
        var token = await official.AntiforgeryTokenAsync($"/arenden/{id}");
        async Task<HttpResponseMessage> PostMeeting(string date, string goal) => await official.PostAsync($"/arenden/{id}?handler=Meeting", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(version.ToString()), "Meeting.Version" },
            { new StringContent(date), "Meeting.Date" }, { new StringContent("Henrik Handläggare"), "Meeting.MunicipalityParticipants" },
            { new StringContent("Maja Lind"), "Meeting.OrganisationParticipants" }, { new StringContent(goal), "Meeting.Goal" },
            { new ByteArrayContent(Pdf), "MeetingFiles", "C:\\temp\\Minnesanteckningar möte 2.pdf" },
        }, Ct);

        var refused = await PostMeeting("2026-11-20", " ");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Skriv vad parterna enades om", html);
        Assert.Contains("value=\"Maja Lind\"", html);
        Assert.Single((await Stored(id)).Meetings);

        var accepted = await PostMeeting("2026-11-20", "Läxhjälpen börjar i januari.");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stored = await Stored(id);
        Assert.Equal(2, stored.Meetings.Count);
        var attachment = await App.WithDbAsync(db => db.CaseAttachments.SingleAsync(a => a.CaseId == id, Ct));
        Assert.Equal(("Minnesanteckningar möte 2.pdf", stored.Meetings[^1].Id), (attachment.FileName, attachment.MeetingId));
        var page = await official.GetStringAsync($"/arenden/{id}", Ct);
        Assert.Contains("Läxhjälpen börjar i januari.", page);
        var download = await official.GetAsync($"/api/v1/cases/{id}/attachments/{attachment.Id}/content", Ct);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignInAsync(Demo.OtherMunicipalityOfficial))
            .GetAsync($"/api/v1/cases/{id}/attachments/{attachment.Id}/content", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_representative_with_an_open_initiative_sees_what_its_guidelines_require_on_the_organisation_page()
    {
        var page = await App.SignInAsync(IfRep);
        var organisation = await OrganisationId(Demo.StenungsundIf);
        Assert.DoesNotContain("Handling som krävs", await page.GetStringAsync($"/organisationer/{organisation}", Ct));
        var opened = await OpenInStenungsundAsync(await App.ApiAsync(IfRep));
        var html = await page.GetStringAsync($"/organisationer/{organisation}", Ct);
        Assert.Contains("Enligt Riktlinjer för IOP i Stenungsunds kommun (version 1): 0 av 8 aktuella", html);

        // The case page tells the organisation what it can do: the documents still missing, with the way to hand them in.
        var casePage = await page.GetStringAsync($"/arenden/{opened.Id}", Ct);
        Assert.Contains("Var ärendet står och vad ni kan göra", casePage);
        Assert.Contains("Lämna in stadgar.", casePage);
        Assert.Contains("Lämna in uppgift om medlemsantal.", casePage);
        Assert.Contains($"href=\"/organisationer/{organisation}/handlingar\"", casePage);
        Assert.DoesNotContain("Inled dialogen", casePage);
        var officialPage = await (await App.SignInAsync(Demo.Official)).GetStringAsync($"/arenden/{opened.Id}", Ct);
        Assert.Contains("Observera: organisationen har ännu inte lämnat in 8 aktuella handlingar som krävs före beslut", officialPage); // warned before it moves on
        var upload = await page.GetStringAsync($"/organisationer/{organisation}/handlingar", Ct);
        Assert.True(upload.IndexOf(">Beskrivning av föreningens verksamhetsidé", StringComparison.Ordinal) < upload.IndexOf(">Årsmötesprotokoll<", StringComparison.Ordinal),
            "the guideline's own documents come first, in its order, in the list of kinds");
    }

    [Fact]
    public async Task Representatives_see_their_own_cases_only_and_may_withdraw_them()
    {
        var soraker = await App.ApiAsync(Demo.OrganisationRep);
        var rep = await App.ApiAsync(IfRep);
        var own = await (await rep.GetAsync("/api/v1/cases?state=alla", Ct)).ReadAsync<Features.Api.Page<CaseSummaryDto>>();
        Assert.Equal(["Spontanidrott på Stenungsön"], own.Items.Select(i => i.Title));
        Assert.Equal(["Arbetsträning för unga på Söråkers Folkets Hus"], // Timrå's, from the seed agreement
            (await (await soraker.GetAsync("/api/v1/cases?state=alla", Ct)).ReadAsync<Features.Api.Page<CaseSummaryDto>>()).Items.Select(i => i.Title));

        var c = await OpenInStenungsundAsync(rep);
        Assert.Equal(HttpStatusCode.NotFound, (await soraker.GetAsync($"/api/v1/cases/{c.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync(soraker, $"/api/v1/cases/{c.Id}/withdraw", new { version = c.Version, reason = "Intrång" })).Status);

        // Search ignores case, å ä ö included.
        var found = await (await rep.GetAsync("/api/v1/cases?state=alla&q=STENUNGSÖN", Ct)).ReadAsync<Features.Api.Page<CaseSummaryDto>>();
        Assert.Equal(["Spontanidrott på Stenungsön"], found.Items.Select(i => i.Title));

        // A co-party sees the case but may not withdraw the initiative another organisation took.
        c = await PostAsync(await App.ApiAsync(Demo.Official), $"/api/v1/cases/{c.Id}/parties", new { version = c.Version, orgNumber = Demo.Soraker });
        var asParty = await (await soraker.GetAsync($"/api/v1/cases/{c.Id}", Ct)).ReadAsync<CaseDto>();
        Assert.False(asParty.Permissions.Withdraw);
        Assert.Equal(HttpStatusCode.Forbidden, (await RefusedAsync(soraker, $"/api/v1/cases/{c.Id}/withdraw", new { version = c.Version, reason = "Vi vill inte." })).Status);
        c = await PostAsync(rep, $"/api/v1/cases/{c.Id}/withdraw", new { version = c.Version, reason = "Föreningen saknar tränare i år." });
        Assert.Equal(CaseState.Withdrawn, c.State);
        Assert.Equal("Föreningen saknar tränare i år.", c.Transitions[^1].Reason);
    }

    [Fact]
    public async Task Malformed_input_is_refused_in_Swedish_and_never_answered_with_a_server_error()
    {
        var official = await App.ApiAsync(Demo.Official);
        var c = await OpenInStenungsundAsync(await App.ApiAsync(IfRep));
        c = await PostAsync(official, $"/api/v1/cases/{c.Id}/advance", new { version = c.Version });
        var url = $"/api/v1/cases/{c.Id}";

        var (status, body) = await RefusedAsync(official, $"{url}/details", new { version = c.Version, termStart = new DateOnly(Year + 1, 1, 1), termEnd = new DateOnly(9999, 12, 31) });
        Assert.Equal((HttpStatusCode.BadRequest, true), (status, body.Contains("mellan år 2000 och 2100")));
        (status, body) = await RefusedAsync(official, $"{url}/details", new { version = c.Version, amountPerYear = "79228162514264337593543950335 mkr" });
        Assert.Equal((HttpStatusCode.BadRequest, true), (status, body.Contains("för stort")));

        c = await PostAsync(official, $"{url}/meetings", new
        {
            version = c.Version, date = new DateOnly(2026, 11, 2), municipalityParticipants = "Henrik Handläggare", organisationParticipants = "Ingrid Idrottsson", purpose = "Simskola.",
        });
        c = await PostAsync(official, $"{url}/advance", new { version = c.Version });
        (status, _) = await RefusedAsync(official, $"{url}/eligibility", new { version = c.Version, criteria = (object?)null });
        Assert.NotEqual(HttpStatusCode.InternalServerError, status);
        c = await PostAsync(official, $"{url}/eligibility", new { version = (await Stored(c.Id)).Version, criteria = new object?[] { null, new { number = 2, met = true, reason = "Ja, se stadgarna." } } });
        Assert.True(c.Criteria[2].Met);
        (status, _) = await RefusedAsync(official, $"{url}/suitability", new { version = c.Version, aspects = new object?[] { null } });
        Assert.Equal(HttpStatusCode.BadRequest, status); // not the suitability step yet, and no crash on the null item

        // A refused page post with a forged criterion number is shown again with the rules' own criteria.
        var page = await App.SignInAsync(Demo.Official);
        var response = await page.PostFormFromAsync($"/arenden/{c.Id}", $"/arenden/{c.Id}?handler=Eligibility",
            ("Eligibility.Version", c.Version.ToString()), ("Eligibility.Criteria[0].Number", "99"), ("Eligibility.Criteria[0].Met", "true"),
            ("Eligibility.Criteria[0].Reason", "Förfalskat nummer"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Riktlinjerna har 9 kriterier.", html);
        Assert.Contains("Kriterium 9:", html);

        // Frames far outside the years anyone plans for are clamped, not a crash.
        var municipality = await MunicipalityId("stenungsund");
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync($"/api/v1/municipalities/{municipality}/budget-frames?fromYear=0", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync($"/api/v1/municipalities/{municipality}/budget-frames?fromYear=9999&years=10", Ct)).StatusCode);

        // More than ten files to one meeting is refused beside the field, and nothing is stored.
        var files = new MultipartFormDataContent
        {
            { new StringContent(await page.AntiforgeryTokenAsync($"/arenden/{c.Id}")), "__RequestVerificationToken" },
            { new StringContent(c.Version.ToString()), "Meeting.Version" }, { new StringContent("2026-11-03"), "Meeting.Date" },
            { new StringContent("Henrik"), "Meeting.MunicipalityParticipants" }, { new StringContent("Ingrid"), "Meeting.OrganisationParticipants" },
            { new StringContent("Elva bilagor."), "Meeting.Goal" },
        };
        for (var i = 0; i < 11; i++)
        {
            files.Add(new ByteArrayContent(Pdf), "MeetingFiles", $"bilaga{i}.pdf");
        }

        response = await page.PostAsync($"/arenden/{c.Id}?handler=Meeting", files, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Högst 10 filer per möte.", html);
        Assert.Contains("Elva bilagor.", html);
        Assert.Single((await Stored(c.Id)).Meetings);
        Assert.False(await App.WithDbAsync(db => db.CaseAttachments.AnyAsync(a => a.CaseId == c.Id, Ct)));
    }

    [Fact]
    public async Task The_history_of_a_case_reads_in_Swedish()
    {
        var official = await App.ApiAsync(Demo.Official);
        var c = await PrepareAsync(official, await OpenInStenungsundAsync(await App.ApiAsync(IfRep)));
        var history = await (await official.GetAsync($"/api/v1/audit/Case/{c.Id}?pageSize=50", Ct)).ReadAsync<Features.Api.Page<Features.Audit.AuditEntryDto>>();
        var texts = history.Items.SelectMany(e => e.Changes).SelectMany(x => new[] { x.Field, x.Before, x.After }).OfType<string>().ToList();
        Assert.Contains(texts, t => t.Contains("Motivering: Uppfyllt, se dialogmötet", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Kapacitet att genomföra överenskommelsen: {Uppfyllt: ja", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Till steg: Utkast till överenskommelse", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("\"Reason\"", StringComparison.Ordinal) || t.Contains("Met:", StringComparison.Ordinal) || t.Contains("\"Met\"", StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCaseTests(SqliteApp app) : CaseTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseTests(PostgresApp app) : CaseTests<PostgresApp>(app);
