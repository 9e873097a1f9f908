using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverka.Domain.Formatting;
using Samverka.Web.Features.Agreements;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Partnerships;
using Samverka.Web.Features.Partnerships.Renewal;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>The Söråker partnership through the API on both databases: started by the last signature, its steering group, follow-up and payment.</summary>
public abstract class PartnershipTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private const string TimraOfficial = "handlaggare@timra.example";

    private static async Task<T> PostAsync<T>(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync(Ct))}");
        return await response.ReadAsync<T>();
    }

    private static async Task<(HttpStatusCode Status, string Body)> RefusedAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body, Ct);
        return (response.StatusCode, System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>Fixes the demo Söråker agreement by its case's decision and records both signatures.</summary>
    private async Task<PartnershipDto> SignSorakerAsync(HttpClient timra)
    {
        var id = await App.WithDbAsync(db => db.Agreements.Where(a => a.AmendsId == null && db.Municipalities.Any(m => m.Id == a.MunicipalityId && m.Slug == "timra")).Select(a => a.Id).SingleAsync(Ct));
        var a = await (await timra.GetAsync($"/api/v1/agreements/{id}", Ct)).ReadAsync<AgreementDto>();
        a = await PostAsync<AgreementDto>(timra, $"/api/v1/agreements/{id}/approve", new { version = a.Version });
        a = await PostAsync<AgreementDto>(timra, $"/api/v1/agreements/{id}/signatures", new { version = a.Version, signatoryId = a.Signatories[0].Id, signedOn = "2017-12-10" });
        Assert.Empty(await App.WithDbAsync(db => db.Partnerships.Where(p => p.AgreementId == id).ToListAsync(Ct)));
        await PostAsync<AgreementDto>(timra, $"/api/v1/agreements/{id}/signatures", new { version = a.Version, signatoryId = a.Signatories[1].Id, signedOn = "2017-12-14" });
        var partnershipId = await App.WithDbAsync(db => db.Partnerships.Where(p => p.AgreementId == id).Select(p => p.Id).SingleAsync(Ct));
        return await (await timra.GetAsync($"/api/v1/partnerships/{partnershipId}", Ct)).ReadAsync<PartnershipDto>();
    }

    [Fact]
    public async Task The_last_signature_starts_the_partnership_whose_steering_group_decides_only_unanimously()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var p = await SignSorakerAsync(timra);
        Assert.Equal(12, p.MeetingSchedule.Count);
        var payment = Assert.Single(p.Payments);
        Assert.Equal((2018, 500_000m), (payment.Year, payment.Amount)); // the operating grant, not the municipality's own costs

        var url = $"/api/v1/partnerships/{p.Id}";
        p = await PostAsync<PartnershipDto>(timra, $"{url}/meetings", new
        {
            version = p.Version, date = "2018-02-01", kind = "Ordinary", present = new[] { "Lars Backlund", "Christina Thonman" }, minutes = "Uppstart av arbetsträningen.",
            decisions = new object[]
            {
                new { text = "Fyra ungdomar tas emot under våren.", objections = Array.Empty<object>() },
                new { text = "Ljudutrustning köps för 30 tkr.", objections = new[] { new { member = "Lars Backlund", reason = "Ryms inte i budgeten." } } },
            },
        });
        var meeting = Assert.Single(p.Meetings);
        Assert.Equal([true, false], meeting.Decisions.Select(d => d.Taken));

        var (status, body) = await RefusedAsync(timra, $"{url}/meetings", new
        {
            version = p.Version, date = "2018-03-01", kind = "Extra", present = new[] { "Lars Backlund", "Ronny Rönnbäck" },
            decisions = new[] { new { text = "Nya öppettider.", objections = Array.Empty<object>() } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("minst en ledamot från varje part", body);
        Assert.Single((await (await timra.GetAsync(url, Ct)).ReadAsync<PartnershipDto>()).Meetings);

        // Only the municipality records meetings; the organisation sees them.
        var rep = await App.ApiAsync(Demo.OrganisationRep);
        Assert.Equal(HttpStatusCode.Forbidden, (await RefusedAsync(rep, $"{url}/meetings", new { version = p.Version, date = "2018-03-01" })).Status);
        Assert.Single((await (await rep.GetAsync(url, Ct)).ReadAsync<PartnershipDto>()).Meetings);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsync(Demo.OtherMunicipalityOfficial)).GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsync("kansli@stenungsundsif.example")).GetAsync(url, Ct)).StatusCode);

        // The association attaches the signed minutes to the meeting; others cannot reach the file.
        var attached = await rep.PostAsync($"{url}/meetings/{meeting.Id}/attachments", new MultipartFormDataContent
        {
            { new StringContent(meeting.Version.ToString()), "version" },
            { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "protokoll 2018-02-01.pdf" },
        }, Ct);
        Assert.True(attached.IsSuccessStatusCode, await attached.Content.ReadAsStringAsync(Ct));
        var file = Assert.Single((await attached.ReadAsync<PartnershipDto>()).Meetings[0].Attachments!);
        Assert.Equal("protokoll 2018-02-01.pdf", file.FileName);
        Assert.Equal("%PDF-1.4", (await (await timra.GetAsync($"{url}/files/{file.Id}", Ct)).Content.ReadAsStringAsync(Ct))[..8]);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsync(Demo.OtherMunicipalityOfficial)).GetAsync($"{url}/files/{file.Id}", Ct)).StatusCode);

        // The start page lists what is due: in April 2018 the year's payment is late for the municipality …
        App.Clock.Set(new DateTimeOffset(2018, 4, 5, 9, 0, 0, TimeSpan.Zero));
        var start = await (await App.SignInAsync(TimraOfficial)).GetStringAsync("/", Ct);
        Assert.Contains("Försenat: Utbetalning 2018: 500&#xA0;000&#xA0;kr förfaller 2018-01-02.", start); // the first working day of the term
        // … and in February 2019 the organisation sees its yearly follow-up coming due (but not the municipality's payments).
        App.Clock.Set(new DateTimeOffset(2019, 2, 1, 9, 0, 0, TimeSpan.Zero));
        start = await (await App.SignInAsync(Demo.OrganisationRep)).GetStringAsync("/", Ct);
        Assert.Contains("Årsuppföljningen för 2018 ska lämnas senast 2019-04-01.", start); // 2019-03-31 is a Sunday
        Assert.DoesNotContain("Utbetalning 2018", start);
    }

    [Fact]
    public async Task The_organisation_reports_the_official_assesses_and_the_payment_is_marked_paid_and_exported()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var p = await SignSorakerAsync(timra);
        var url = $"/api/v1/partnerships/{p.Id}";
        var rep = await App.ApiAsync(Demo.OrganisationRep);

        var (status, body) = await RefusedAsync(rep, $"{url}/follow-ups", new { version = p.Version, year = 2019, description = "Fel år." });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("inom avtalstiden", body);
        p = await PostAsync<PartnershipDto>(rep, $"{url}/follow-ups", new
        {
            version = p.Version, year = 2018, description = "Tolv ungdomar har arbetstränat under året.",
            keyFigures = new[] { new { name = "Placerade ungdomar", value = "12" }, new { name = "Unika besökare", value = "1 840" } },
            revenue = "1 020 tkr", expenses = "990 440 kr", assets = "310 tkr", equity = "-15 000",
        });
        var report = Assert.Single(p.FollowUps);
        Assert.Equal(1_840m, report.KeyFigures["Unika besökare"]);
        Assert.Equal((1_020_000m, 29_560m, -15_000m), (report.Finances!.Revenue, report.Finances.Result, report.Finances.Equity));

        // Approval waits for both statements, uploaded by the organisation and checked by content.
        (status, body) = await RefusedAsync(timra, $"{url}/follow-ups/assessment", new { version = report.Version, year = 2018, assessment = "Approved" });
        Assert.Contains("balansräkningen är bifogade", body);
        var forged = await rep.PostAsync($"{url}/follow-ups/2018/statements", new MultipartFormDataContent
        {
            { new StringContent("BalanceSheet"), "kind" }, { new StringContent(report.Version.ToString()), "version" }, { new ByteArrayContent("MZ not a statement"u8.ToArray()), "file", "balans.pdf" },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        foreach (var (kind, name) in new[] { ("IncomeStatement", "resultaträkning 2018.pdf"), ("BalanceSheet", "../../balansräkning.pdf") })
        {
            var upload = await rep.PostAsync($"{url}/follow-ups/2018/statements", new MultipartFormDataContent
            {
                { new StringContent(kind), "kind" }, { new StringContent(p.FollowUps[0].Version.ToString()), "version" }, { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", name },
            }, Ct);
            Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync(Ct));
            p = await upload.ReadAsync<PartnershipDto>();
        }

        var statements = p.FollowUps[0].Statements!;
        Assert.Equal(["resultaträkning 2018.pdf", "balansräkning.pdf"], statements.Select(x => x.FileName)); // no path from the user's name
        var download = await timra.GetAsync($"{url}/files/{statements[1].Id}", Ct);
        Assert.Equal("%PDF-1.4", (await download.Content.ReadAsStringAsync(Ct))[..8]);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsync(Demo.OtherMunicipalityOfficial)).GetAsync($"{url}/files/{statements[1].Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RefusedAsync(rep, $"{url}/follow-ups/assessment", new { version = p.FollowUps[0].Version, year = 2018, assessment = "Approved" })).Status);
        p = await PostAsync<PartnershipDto>(timra, $"{url}/follow-ups/assessment", new { version = p.FollowUps[0].Version, year = 2018, assessment = "Approved" });
        Assert.Equal(Domain.Partnerships.Assessment.Approved, p.FollowUps[0].Assessment);

        var csv = await (await timra.GetAsync("/api/v1/partnerships/payments/due.csv?until=2018-12-31", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Söråkers Folketshusförening;802011-2341;2018;2018-01-02;500000,00;ja;", csv);
        (status, body) = await RefusedAsync(timra, $"{url}/payments/paid", new { version = p.Payments[0].Version, paymentId = p.Payments[0].Id, paidOn = "2018-01-20" });
        Assert.Contains("referensen", body);
        (status, body) = await RefusedAsync(timra, $"{url}/payments/paid", new { paymentId = p.Payments[0].Id, paidOn = "2018-01-20", reference = "VER 2018-0042" });
        Assert.Equal((HttpStatusCode.BadRequest, true), (status, body.Contains("\"version\""))); // changing a record needs the version read of it
        p = await PostAsync<PartnershipDto>(timra, $"{url}/payments/paid", new { version = p.Payments[0].Version, paymentId = p.Payments[0].Id, paidOn = "2018-01-20", reference = "VER 2018-0042" });
        Assert.Equal((new DateOnly(2018, 1, 20), "VER 2018-0042"), (p.Payments[0].PaidOn!.Value, p.Payments[0].Reference));
        Assert.DoesNotContain("802011-2341", await (await timra.GetAsync("/api/v1/partnerships/payments/due.csv?until=2018-12-31", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(timra, $"{url}/payments/paid", new { version = p.Payments[0].Version, paymentId = p.Payments[0].Id, paidOn = "2018-01-20", reference = "X" })).Status);

        // The pages show the partnership to the people working in it, each concern on its own page.
        var official = await App.SignInAsync(TimraOfficial);
        Assert.Contains("Utbetald 2018-01-20, VER 2018-0042", await official.GetStringAsync($"/partnerskap/{p.Id}/ekonomi", Ct));
        Assert.Contains("Tolv ungdomar har arbetstränat under året.", await official.GetStringAsync($"/partnerskap/{p.Id}/uppfoljning", Ct));
        var overview = await official.GetStringAsync($"/partnerskap/{p.Id}", Ct);
        Assert.Contains("Utbetalt 500&#xA0;000&#xA0;kr av bidraget 500&#xA0;000&#xA0;kr för hela avtalstiden.", overview);
        Assert.DoesNotContain("Tolv ungdomar", overview); // the overview summarises; the report is on its page
    }

    [Fact]
    public async Task Funds_used_are_reported_per_line_and_a_repayment_claim_is_settled()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var p = await SignSorakerAsync(timra);
        var url = $"/api/v1/partnerships/{p.Id}";
        var rep = await App.ApiAsync(Demo.OrganisationRep);
        var premises = p.Lines.Single(l => l.Label == "Lokaler");

        p = await PostAsync<PartnershipDto>(rep, $"{url}/usage", new { version = p.Version, from = "2018-01-01", to = "2018-03-31", lines = new[] { new { lineId = premises.Id, used = "41 250 kr" } } });
        Assert.Equal((41_250m, 123_750m), (p.Lines.Single(l => l.Id == premises.Id).Used, p.Lines.Single(l => l.Id == premises.Id).Remaining));
        var (status, body) = await RefusedAsync(rep, $"{url}/usage", new { version = p.Version, from = "2018-03-01", to = "2018-04-30", lines = new[] { new { lineId = premises.Id, used = "1 kr" } } });
        Assert.Equal((HttpStatusCode.BadRequest, true), (status, body.Contains("överlappar")));
        (status, body) = await RefusedAsync(rep, $"{url}/usage", new { version = p.Version, from = "2019-01-01", to = "2019-03-31", lines = new[] { new { lineId = premises.Id, used = "1 kr" } } });
        Assert.Contains("inom avtalstiden", body);

        (status, body) = await RefusedAsync(timra, $"{url}/repayment-claims", new { version = p.Version, amount = "25 tkr", reason = "Misuse", explanation = "Resor utan koppling." });
        Assert.Contains("högst vad som betalats ut", body); // nothing is paid yet
        Assert.Equal(HttpStatusCode.Forbidden, (await RefusedAsync(rep, $"{url}/repayment-claims", new { version = p.Version, amount = "1 kr", reason = "Misuse", explanation = "x" })).Status);
        p = await PostAsync<PartnershipDto>(timra, $"{url}/payments/paid", new { version = p.Payments[0].Version, paymentId = p.Payments[0].Id, paidOn = "2018-01-20", reference = "VER 2018-0042" });
        p = await PostAsync<PartnershipDto>(timra, $"{url}/repayment-claims", new { version = p.Version, amount = "25 tkr", reason = "Misuse", explanation = "Resor utan koppling till målgruppen." });
        var claim = Assert.Single(p.Claims);
        Assert.Equal(25_000m, claim.Amount);
        p = await PostAsync<PartnershipDto>(timra, $"{url}/repayment-claims/settled", new { version = claim.Version, claimId = claim.Id, settledOn = Swedish.Today(App.Clock), reference = "VER 2018-0311" });
        Assert.Equal(Domain.Partnerships.ClaimStatus.Settled, p.Claims[0].Status);
        p = await PostAsync<PartnershipDto>(timra, $"{url}/surplus", new { version = p.Version, year = 2018, amount = "12 tkr", purpose = "Samma ändamål: arbetsträning för unga 2019." });
        Assert.Equal(12_000m, Assert.Single(p.Surpluses).Amount);
    }

    [Fact]
    public async Task Each_year_has_one_figure_from_the_estimate_to_the_agreement_in_force_and_cancelled_payments_leave_the_frame()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var (timraId, caseId) = await App.WithDbAsync(async db => (await db.Municipalities.Where(m => m.Slug == "timra").Select(m => m.Id).SingleAsync(Ct),
            await db.Cases.Where(c => c.Title.StartsWith("Arbetsträning")).Select(c => c.Id).SingleAsync(Ct)));
        async Task<Features.Funding.CommitmentDto> Committed() =>
            Assert.Single((await (await timra.GetAsync($"/api/v1/municipalities/{timraId}/commitments?fromYear=2018&years=1", Ct)).ReadAsync<Page<Features.Funding.CommitmentDto>>()).Items);
        async Task<decimal> Frame() => (await (await timra.GetAsync($"/api/v1/municipalities/{timraId}/budget-frames?fromYear=2018&years=1", Ct))
            .ReadAsync<List<Features.Funding.FrameRowDto>>()).Single(f => f.CommitteeName == "Kommunstyrelsen").Committed;

        // The case estimated 530 000 kr a year; the agreement being written gives Timrå's money: 500 tkr grant and 5 tkr steering group, not the 25 tkr supervision in kind.
        var proposal = await Committed();
        Assert.Equal((505_000m, 0m, Domain.Funding.CommitmentBasis.Proposal), (proposal.Amount, proposal.Paid, proposal.Basis));
        Assert.Equal(505_000m, await Frame());
        var c = await (await timra.GetAsync($"/api/v1/cases/{caseId}", Ct)).ReadAsync<Features.Cases.CaseDto>();
        Assert.Equal((530_000m, 505_000m), (c.AmountPerYear!.Value, Assert.Single(c.Money).Amount));

        var p = await SignSorakerAsync(timra);
        var inForce = await Committed();
        Assert.Equal((505_000m, Domain.Funding.CommitmentBasis.InForce, p.Id), (inForce.Amount, inForce.Basis, inForce.PartnershipId!.Value));

        // Terminated on the first day of the term: the grant due the day after is cancelled and leaves the frame; the municipality's own 5 tkr stays.
        p = await PostAsync<PartnershipDto>(timra, $"/api/v1/partnerships/{p.Id}/end", new { version = p.Version, terminate = true, on = "2018-01-01", reason = "Föreningen har upphört med verksamheten." });
        Assert.True(Assert.Single(p.Payments).Cancelled);
        Assert.Equal((5_000m, 0m), ((await Committed()).Amount, (await Committed()).Paid));
        Assert.Equal(5_000m, await Frame());

        var money = await (await App.SignInAsync(TimraOfficial)).GetStringAsync($"/partnerskap/{p.Id}/ekonomi", Ct);
        Assert.Matches(@"<td data-label=""År"">2018</td>\s*<td data-label=""Bundet"" class=""num"">5&#xA0;000&#xA0;kr</td>\s*<td data-label=""Varav bidrag enligt planen"" class=""num"">0&#xA0;kr</td>", money);
    }

    [Fact]
    public async Task Start_up_builds_the_commitments_of_cases_saved_before_they_existed()
    {
        var demo = await App.WithDbAsync(db => db.Commitments.OrderBy(x => x.CaseId).ThenBy(x => x.Year).Select(x => new { x.CaseId, x.Year, x.Amount, x.Paid, x.Basis }).ToListAsync(Ct));
        Assert.NotEmpty(demo);
        // As after the upgrade: no rows, every case built by no rules.
        await App.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Commitments\"", Ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Cases\" SET \"CommitmentsBuilt\" = 0", Ct);
        });

        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Samverka.Web.Infrastructure.Auth.CurrentUserAccessor>().ActAs(Samverka.Web.Infrastructure.Auth.CurrentUser.System);
            await scope.ServiceProvider.GetRequiredService<Samverka.Web.Infrastructure.Web.DatabaseStartup>().MigrateAsync(Ct);
        }

        var rebuilt = await App.WithDbAsync(db => db.Commitments.OrderBy(x => x.CaseId).ThenBy(x => x.Year).Select(x => new { x.CaseId, x.Year, x.Amount, x.Paid, x.Basis }).ToListAsync(Ct));
        Assert.Equal(demo, rebuilt);
    }

    [Fact]
    public async Task A_coordination_meeting_is_recorded_and_a_terminated_partnership_no_longer_changes()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var p = await SignSorakerAsync(timra);
        var url = $"/api/v1/partnerships/{p.Id}";
        p = await PostAsync<PartnershipDto>(timra, $"{url}/coordination", new
        {
            version = p.Version, date = "2018-02-02", referringUnit = "Arbetsmarknadsenheten", participants = "Handläggare, ungdomen, föreningens handledare", outcome = "Placering från 1 mars.",
        });
        Assert.Equal("Arbetsmarknadsenheten", Assert.Single(p.Coordination).ReferringUnit);

        var (status, body) = await RefusedAsync(timra, $"{url}/end", new { version = p.Version, terminate = false });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Godkänn först årsuppföljningen för 2018", body);
        p = await PostAsync<PartnershipDto>(timra, $"{url}/end", new { version = p.Version, terminate = true, on = "2018-09-01", reason = "Medlen har använts till annat än verksamheten." });
        Assert.Equal((Domain.Partnerships.EndKind.Terminated, true), (p.Ended!.Kind, p.Payments[0].Cancelled is false)); // the January payment was due before the termination
        (status, _) = await RefusedAsync(timra, $"{url}/meetings", new { version = p.Version, date = "2018-09-02", present = new[] { "Lars Backlund" } });
        Assert.Equal(HttpStatusCode.Conflict, status);
        var page = await (await App.SignInAsync(TimraOfficial)).GetStringAsync($"/partnerskap/{p.Id}/styrgrupp", Ct);
        Assert.Contains("Hävt 2018-09-01.", page);
        Assert.Contains("Styrgruppens möten", page);
        Assert.DoesNotContain("Registrera ett möte", page);
    }

    [Fact]
    public async Task The_parties_record_a_tripartite_review_and_the_quarterly_follow_up_is_drafted_completed_and_presented()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var p = await SignSorakerAsync(timra);
        var url = $"/api/v1/partnerships/{p.Id}";
        var rep = await App.ApiAsync(Demo.OrganisationRep);
        var premises = p.Lines.Single(l => l.Label == "Lokaler");
        p = await PostAsync<PartnershipDto>(rep, $"{url}/usage", new { version = p.Version, from = "2018-01-01", to = "2018-03-31", lines = new[] { new { lineId = premises.Id, used = "41 250" } } });
        p = await PostAsync<PartnershipDto>(rep, $"{url}/reviews", new { version = p.Version, date = "2018-03-20", participants = "Handläggare, ungdomen, handledaren", activities = "Caféet och biografen." });
        Assert.Single(p.Reviews);

        var draft = await (await rep.GetAsync($"{url}/quarterly/2018/1/draft", Ct)).ReadAsync<string>();
        Assert.Contains("Trepartssamtal: 1.", draft);
        Assert.Contains("Lokaler: 41", draft);
        var today = Swedish.Today(App.Clock);
        Assert.Equal(HttpStatusCode.Forbidden, (await RefusedAsync(rep, $"{url}/quarterly", new { version = p.Version, year = 2018, quarter = 1 })).Status);
        p = await PostAsync<PartnershipDto>(timra, $"{url}/quarterly", new { version = p.Version, year = 2018, quarter = 1, completion = "Enligt plan.", presentedToCommittee = today });
        var q = Assert.Single(p.Quarterly);
        Assert.Equal((draft, "Enligt plan.", today, (DateOnly?)null), (q.Draft, q.Completion, q.PresentedToCommittee!.Value, q.PresentedToBoard));
        var (status, body) = await RefusedAsync(timra, $"{url}/quarterly", new { version = p.Version, year = 2019, quarter = 1 });
        Assert.Equal((HttpStatusCode.BadRequest, true), (status, body.Contains("utanför avtalstiden")));
    }

    [Fact]
    public async Task The_steering_group_changes_with_history_payments_change_interval_by_decision_and_export_to_excel()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var p = await SignSorakerAsync(timra);
        var url = $"/api/v1/partnerships/{p.Id}";
        var timraParty = p.Parties[0].Id;
        p = await PostAsync<PartnershipDto>(timra, $"{url}/steering-group", new { version = p.Version, partyId = timraParty, name = "Maria Berg", role = "enhetschef", on = "2018-05-01" });
        p = await PostAsync<PartnershipDto>(timra, $"{url}/steering-group/left", new { version = p.Version, name = "Ronny Rönnbäck", reason = "Ny tjänst", on = "2018-05-01" });
        Assert.Contains(p.SteeringGroup, m => m.Name == "Maria Berg");
        Assert.DoesNotContain(p.SteeringGroup, m => m.Name == "Ronny Rönnbäck");
        Assert.Equal(["Maria Berg", "Ronny Rönnbäck"], p.SteeringChanges.Select(c => c.Member).Order());
        var (status, body) = await RefusedAsync(await App.ApiAsync(Demo.OrganisationRep), $"{url}/steering-group", new { version = p.Version, partyId = timraParty, name = "Intrång", on = "2018-05-01" });
        Assert.Equal(HttpStatusCode.Forbidden, status);

        // The calendar: the whole term of 2018 lies in the past, so every follow-up not done is late;
        // nobody has been referred, so no tripartite reviews are asked for.
        Assert.Equal(["Kvartalsuppföljning", "Kvartalsuppföljning", "Kvartalsuppföljning", "Kvartalsuppföljning", "Årsuppföljning"], p.Calendar.Select(c => c.Kind));
        Assert.All(p.Calendar, c => Assert.Equal(Domain.Partnerships.CalendarStatus.Overdue, c.Status));

        // Quarterly payments by decision: the year's unpaid grant over what remains (here all of it, due at once: the term is over).
        (status, body) = await RefusedAsync(timra, $"{url}/payments/interval", new { version = p.Version, interval = "Quarterly" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Ange beslutet", body);
        p = await PostAsync<PartnershipDto>(timra, $"{url}/payments/interval", new { version = p.Version, interval = "Quarterly", decision = "KS 2018-01-05 § 2" });
        Assert.Equal(Domain.Guidelines.Interval.Quarterly, p.PaymentInterval);
        Assert.Equal(500_000m, p.Payments.Sum(x => x.Amount));

        var xlsx = await timra.GetAsync("/api/v1/partnerships/payments/due.xlsx?until=2030-12-31", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)), false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        Assert.Equal(["Partnerskap", "Organisation", "Organisationsnummer", "År", "Förfallodag", "Belopp", "Kan betalas", "Väntar på"], rows[0]);
        var soraker = rows.Where(r => r.Count > 2 && r[2] == "802011-2341").ToList();
        Assert.Equal(500_000m, soraker.Sum(r => decimal.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(rows, r => r.Count > 2 && r[1] == "Stenungsunds Idrottsförening"); // another municipality's partnership
    }

    [Fact]
    public async Task A_renegotiation_ends_in_a_signed_amendment_that_takes_effect_and_a_renewal_opens_a_new_case_with_the_agreement_as_draft()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var p = await SignSorakerAsync(timra);
        var url = $"/api/v1/partnerships/{p.Id}";
        var rep = await App.ApiAsync(Demo.OrganisationRep);

        // Either party opens the renegotiation and logs the dialogue; the municipality drafts the amendment.
        p = await PostAsync<PartnershipDto>(rep, $"{url}/renegotiations", new { version = p.Version, deviation = "Caféet stängt sex veckor efter vattenskada." });
        p = await PostAsync<PartnershipDto>(rep, $"{url}/renegotiations/notes", new { version = p.Version, date = Swedish.Today(App.Clock), participants = "Lars Backlund, Christina Thonman", text = "Stödet sänks till 450 tkr." });
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsync($"{url}/renegotiations/amendment", null, Ct)).StatusCode);
        var opened = await (await timra.PostAsync($"{url}/renegotiations/amendment", null, Ct)).ReadAsync<OpenedDto>();
        var amendment = await (await timra.GetAsync($"/api/v1/agreements/{opened.Id}", Ct)).ReadAsync<AgreementDto>();
        Assert.Equal(1, amendment.AmendmentNumber);
        var grant = amendment.Budget.Single(l => l.Label == "Verksamhetsstöd");
        amendment = await PostAsync<AgreementDto>(timra, $"/api/v1/agreements/{opened.Id}/budget-lines", new
        {
            version = amendment.Version, lineId = grant.Id, partyId = grant.PartyId, year = 2018, label = grant.Label, category = "OperatingGrant", calculation = "450 tkr",
        });
        amendment = await PostAsync<AgreementDto>(timra, $"/api/v1/agreements/{opened.Id}/amendment-decision", new
        {
            version = amendment.Version, body = "Kommunstyrelsen", meetingDate = "2018-06-20", paragraph = "§ 120", caseNumber = "KS 2018/210",
        });
        amendment = await PostAsync<AgreementDto>(timra, $"/api/v1/agreements/{opened.Id}/signatures", new { version = amendment.Version, signatoryId = amendment.Signatories[0].Id, signedOn = "2018-06-25" });
        Assert.Equal(500_000m, (await (await timra.GetAsync(url, Ct)).ReadAsync<PartnershipDto>()).Payments.Sum(x => x.Amount)); // not in force before the last signature
        await PostAsync<AgreementDto>(timra, $"/api/v1/agreements/{opened.Id}/signatures", new { version = amendment.Version, signatoryId = amendment.Signatories[1].Id, signedOn = "2018-06-26" });

        p = await (await timra.GetAsync(url, Ct)).ReadAsync<PartnershipDto>();
        Assert.Equal(450_000m, p.Payments.Where(x => !x.Cancelled).Sum(x => x.Amount));
        Assert.Equal(450_000m, p.Lines.Single(l => l.Label == "Verksamhetsstöd").Budgeted);
        var renegotiation = Assert.Single(p.Renegotiations);
        Assert.Equal(Domain.Partnerships.RenegotiationOutcome.Amended, renegotiation.Outcome);
        Assert.Equal(opened.Id, Assert.Single(p.Amendments).AgreementId);

        // The representative cannot decline on the municipality's behalf; the official renews.
        var (status, body) = await RefusedAsync(rep, $"{url}/extension/declined", new { version = p.Version, partyId = p.Parties[0].Id, on = "2018-09-01" });
        Assert.Contains("bara avböja förlängning för den part du företräder", body);
        var renewal = await (await timra.PostAsync($"{url}/renewal", null, Ct)).ReadAsync<OpenedDto>();
        Assert.Equal(HttpStatusCode.Conflict, (await timra.PostAsync($"{url}/renewal", null, Ct)).StatusCode);
        var next = await App.WithDbAsync(db => db.Agreements.AsNoTracking().SingleAsync(a => a.CaseId == renewal.Id, Ct));
        var newCase = await App.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == renewal.Id, Ct));
        Assert.Equal(Domain.Cases.CaseState.Initiative, newCase.State);
        Assert.Equal((new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31)), (next.Content.TermStart!.Value, next.Content.TermEnd!.Value));
        Assert.Equal(Domain.Agreements.AgreementState.Draft, next.State);
        Assert.All(next.Content.Budget, l => Assert.Equal(2019, l.Year));
        Assert.Equal(450_000m, next.Content.Budget.Single(l => l.Label == "Verksamhetsstöd").Amount); // the agreement in force, with its amendment
        Assert.All(next.Content.Signatories, s => Assert.Null(s.SignedOn));
        Assert.Equal(renewal.Id, (await (await timra.GetAsync(url, Ct)).ReadAsync<PartnershipDto>()).RenewalCaseId);
    }

    [Fact]
    public async Task A_terminated_partnership_is_read_only_and_is_still_found_by_organisation_and_number()
    {
        var timra = await App.ApiAsync(TimraOfficial);
        var p = await SignSorakerAsync(timra);
        var url = $"/api/v1/partnerships/{p.Id}";
        p = await PostAsync<PartnershipDto>(timra, $"{url}/end", new { version = p.Version, terminate = true, on = "2018-09-01", reason = "Medlen har använts till annat än verksamheten." });
        Assert.Equal(Domain.Partnerships.EndKind.Terminated, p.Ended!.Kind);
        var (status, _) = await RefusedAsync(timra, $"{url}/reviews", new { version = p.Version, date = "2018-09-02", participants = "x", activities = "y" });
        Assert.Equal(HttpStatusCode.Conflict, status);

        foreach (var q in new[] { "802011-2341", "SÖRÅKERS", "folketshus" })
        {
            var found = await (await timra.GetAsync($"/api/v1/partnerships?q={Uri.EscapeDataString(q)}", Ct)).ReadAsync<Page<PartnershipSummaryDto>>();
            var hit = Assert.Single(found.Items);
            Assert.Equal((p.Id, "Söråkers Folketshusförening", Domain.Partnerships.EndKind.Terminated), (hit.Id, hit.Organisations, hit.Ended!.Kind));
        }

        Assert.Equal(0, (await (await timra.GetAsync("/api/v1/partnerships?q=stenungs", Ct)).ReadAsync<Page<PartnershipSummaryDto>>()).Total); // another municipality's
        var page = await (await App.SignInAsync(TimraOfficial)).GetStringAsync("/partnerskap?q=802011-2341", Ct);
        Assert.Contains("Hävt 2018-09-01", page);
    }

    [Fact]
    public async Task Committee_members_see_what_comes_before_their_committee_in_the_partnerships_it_decided()
    {
        var id = await App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title).Select(p => p.Id).SingleAsync(Ct));
        var year = await App.WithDbAsync(db => db.Partnerships.Where(p => p.Id == id).Select(p => p.TermStart.Year).SingleAsync(Ct));
        App.Clock.Set(new DateTimeOffset(year, 4, 10, 9, 0, 0, TimeSpan.Zero)); // the first quarter of the term is over
        var henrik = await App.ApiAsync(Demo.Official);
        var p = await (await henrik.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>();
        p = await PostAsync<PartnershipDto>(henrik, $"/api/v1/partnerships/{id}/quarterly", new { version = p.Version, year, quarter = 1, completion = "Fler flickor än väntat." });

        var lena = await App.ApiAsync(Demo.CommitteeMember); // sits on kommunstyrelsen, which decided the partnership
        var due = (await (await lena.GetAsync("/api/v1/partnerships/due", Ct)).ReadAsync<Page<PartnershipService.DueDto>>()).Items;
        Assert.Contains(due, d => d.PartnershipId == id && d.Text == $"Kvartalsuppföljning kvartal 1 {year} ska presenteras för nämnden.");
        Assert.Contains($"Kvartalsuppföljning kvartal 1 {year} ska presenteras för nämnden.", await (await App.SignInAsync(Demo.CommitteeMember)).GetStringAsync("/", Ct));
        Assert.Empty((await (await (await App.ApiAsync(Demo.Auditor)).GetAsync("/api/v1/partnerships/due", Ct)).ReadAsync<Page<PartnershipService.DueDto>>()).Items);

        p = await PostAsync<PartnershipDto>(henrik, $"/api/v1/partnerships/{id}/quarterly", new { version = p.Quarterly.Single(q => q.Year == year && q.Quarter == 1).Version, year, quarter = 1, presentedToCommittee = $"{year}-04-10" });
        due = (await (await lena.GetAsync("/api/v1/partnerships/due", Ct)).ReadAsync<Page<PartnershipService.DueDto>>()).Items;
        Assert.DoesNotContain(due, d => d.Text.StartsWith("Kvartalsuppföljning kvartal 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_party_declines_to_extend_without_a_reason_and_the_partnership_is_then_not_renewed()
    {
        var id = await App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title).Select(p => p.Id).SingleAsync(Ct));
        var club = await App.ApiAsync("kansli@stenungsundsif.example");
        var p = await (await club.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>();
        var today = Swedish.Today(App.Clock);
        p = await PostAsync<PartnershipDto>(club, $"/api/v1/partnerships/{id}/extension/declined", new { version = p.Version, partyId = p.Parties[1].Id, on = today });
        Assert.Equal("Stenungsunds Idrottsförening", p.Declined!.Party);
        Assert.Equal(HttpStatusCode.Conflict, (await (await App.ApiAsync(Demo.Official)).PostAsync($"/api/v1/partnerships/{id}/renewal", null, Ct)).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePartnershipTests(SqliteApp app) : PartnershipTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPartnershipTests(PostgresApp app) : PartnershipTests<PostgresApp>(app);
