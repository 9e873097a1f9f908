using Samverka.Domain.Guidelines;
using Samverka.Domain.Cases;
using Samverka.Domain.Agreements;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Infrastructure.Seeding;

/// <summary>
/// Load-test data at a scale factor of the national picture: 1.0 = 290 municipalities with four
/// committees each and 20 000 organisations. Also creates one official in the first
/// municipality and prints a personal access token for it (last line of output).
/// </summary>
public sealed class BenchData(SamverkaDbContext db, UserManager<ApplicationUser> users, PersonalAccessTokenService tokens, TimeProvider clock, IServiceProvider services)
{
    public const int NationalMunicipalities = 290;
    public const int NationalOrganisations = 20_000;
    private static readonly string[] CommitteeNames = ["Kommunstyrelsen", "Socialnämnden", "Utbildningsnämnden", "Kultur- och fritidsnämnden"];
    private static readonly string[] Words = ["Idrottsförening", "Folketshusförening", "Hembygdsförening", "Scoutkår", "Kulturförening", "Röda Korskrets", "Pensionärsförening", "Ungdomsförening"];
    private static readonly string[] Places = ["Norra", "Södra", "Östra", "Västra", "Övre", "Nedre", "Gamla", "Nya"];

    public async Task SeedAsync(double scale, TextWriter output, CancellationToken ct, int partnershipsPerMunicipality = DefaultPartnershipsPerMunicipality)
    {
        PartnershipsPerMunicipality = Math.Clamp(partnershipsPerMunicipality, 0, 1000);
        var municipalityCount = Math.Max(1, (int)Math.Round(NationalMunicipalities * scale));
        var organisationCount = Math.Max(1, (int)Math.Round(NationalOrganisations * scale));
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var existing = await db.Municipalities.CountAsync(m => m.Slug.StartsWith("bench-"), ct);
        for (var i = existing; i < municipalityCount; i++)
        {
            var m = new Municipality($"Benchkommun {i + 1}", "212000-0000", $"bench-{i + 1}");
            db.Municipalities.Add(m);
            for (var c = 0; c < CommitteeNames.Length; c++)
            {
                db.Committees.Add(new Committee(m.Id, CommitteeNames[c], c == 0));
            }

            if (i % 50 == 49)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var haveOrganisations = await db.Organisations.CountAsync(o => o.OrgNumber.StartsWith("892"), ct);
        for (var i = haveOrganisations; i < organisationCount; i++)
        {
            var nine = (892000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var number = OrgNumber.Parse(nine + OrgNumber.LuhnCheckDigit(nine));
            var name = $"{Places[i % Places.Length]} {Words[i / Places.Length % Words.Length]} {i + 1}";
            var o = new Organisation(number, name, LegalForm.NonProfitAssociation);
            o.Update(name, LegalForm.NonProfitAssociation, $"Föreningsgatan {i % 90 + 1}", "12345", "Benchstad", null, null, i % 500);
            db.Organisations.Add(o);
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // Fresh statistics after a bulk load, as an operator would after an import (autovacuum would, later).
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);

        var first = await db.Municipalities.Where(m => m.Slug == "bench-1").Select(m => m.Id).FirstAsync(ct);
        const string email = "bench@samverka.example";
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Bench Handläggare",
                Role = Role.Official, MunicipalityId = first, CreatedAt = clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, "bench-" + Guid.NewGuid().ToString("N"));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        await output.WriteLineAsync($"Bench data: {municipalityCount} municipalities, {organisationCount} organisations.");
        var partnership = await PartnershipsAsync(municipalityCount, output, ct);
        await PeopleAsync(output, ct);
        await output.WriteLineAsync($"Agreement {await AgreementAsync(first, ct)}");
        await output.WriteLineAsync($"Partnership {partnership}");
        var (_, secret) = await tokens.CreateAsync(user.Id, "bench " + clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture), 1, ct);
        await output.WriteLineAsync(secret);
    }

    /// <summary>
    /// Logs <paramref name="times"/> activities in a partnership as its official would (through
    /// the service, one save each) and prints the size of the audit entry the first and the last
    /// wrote, with their ratio: the audit of an added record must not grow with the history.
    /// </summary>
    public async Task AuditAsync(Guid partnershipId, int times, TextWriter output, CancellationToken ct)
    {
        var p = await db.Partnerships.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == partnershipId).Select(x => new { x.MunicipalityId, x.TermEnd }).FirstAsync(ct);
        var official = await db.Users.Where(u => u.Email == "bench@samverka.example").Select(u => u.Id).FirstAsync(ct);
        var day = Domain.Formatting.Swedish.Today(clock) is var today && today <= p.TermEnd ? today : p.TermEnd;
        var sizes = new List<int>();
        for (var i = 1; i <= times; i++)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().ActAs(new CurrentUser(official, "Bench Handläggare", Role.Official, [p.MunicipalityId], []));
            await scope.ServiceProvider.GetRequiredService<Features.Partnerships.Activities.ActivityService>().LogActivityAsync(partnershipId,
                new Features.Partnerships.Activities.ActivityInput { Date = day, Title = $"Benchaktivitet {i:0000}", Description = "Öppen hall för spontanidrott, fredag kväll." }, ct);
            var audit = scope.ServiceProvider.GetRequiredService<SamverkaDbContext>();
            sizes.Add(await audit.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityType == nameof(Domain.Partnerships.ActivityEntry) && a.ParentId == partnershipId)
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Select(a => a.Changes.Length).FirstAsync(ct));
        }

        var partnershipBytes = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityType == nameof(Domain.Partnerships.Partnership) && a.EntityId == partnershipId)
            .OrderByDescending(a => a.At).Select(a => a.Changes.Length).FirstOrDefaultAsync(ct);
        await output.WriteLineAsync($"Audit bytes per added activity: after 1: {sizes[0]}, after {times}: {sizes[^1]} (ratio {(double)sizes[^1] / sizes[0]:0.00}); the partnership's own latest entry: {partnershipBytes} bytes.");
    }

    /// <summary>
    /// Renders one agreement's documents in process, <paramref name="times"/> times each after a
    /// warm-up, and prints the mean milliseconds with the ratio to serialising the same agreement
    /// as JSON (the baseline: what the API does for it anyway).
    /// </summary>
    public async Task RenderAsync(Guid agreementId, int times, TextWriter output, CancellationToken ct)
    {
        var a = await db.Agreements.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == agreementId, ct);
        var municipality = await db.Municipalities.IgnoreQueryFilters().Where(m => m.Id == a.MunicipalityId).Select(m => m.Name).FirstAsync(ct);
        var dto = Features.Agreements.AgreementService.ToDto(a, municipality, new(false, false));
        var targets = new (string Name, Func<int> Render)[]
        {
            ("agreement as JSON (baseline)", () => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(dto).Length),
            ("agreement PDF/A-2b", () => Documents.AgreementPdf.Render(dto).Length),
            ("agreement Word (.docx)", () => Documents.AgreementDocx.Render(dto).Length),
        };
        await output.WriteLineAsync($"{"render, in process",-38} {"ms",10} {"bytes",10} {"ratio",8}");
        double? baseline = null;
        foreach (var (name, render) in targets)
        {
            render();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var size = 0;
            for (var i = 0; i < times; i++)
            {
                size = render();
            }

            var ms = watch.Elapsed.TotalMilliseconds / times;
            baseline ??= ms;
            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name,-38} {ms,10:F2} {size,10} {ms / baseline.Value,8:F1}"));
        }
    }

    /// <summary>One agreement in the first municipality with the Söråker agreement's content and budget, for rendering its documents.</summary>
    private async Task<Guid> AgreementAsync(Guid municipalityId, CancellationToken ct)
    {
        if (await db.Agreements.IgnoreQueryFilters().Where(a => a.MunicipalityId == municipalityId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) is { } existing)
        {
            return existing;
        }

        var organisation = await db.Organisations.IgnoreQueryFilters().Where(o => o.OrgNumber.StartsWith("892")).OrderBy(o => o.OrgNumber).FirstAsync(ct);
        var municipality = await db.Municipalities.IgnoreQueryFilters().FirstAsync(m => m.Id == municipalityId, ct);
        var existingGuideline = await db.Guidelines.IgnoreQueryFilters().Where(g => g.MunicipalityId == municipalityId).OrderByDescending(g => g.Number).FirstOrDefaultAsync(ct);
        var guideline = existingGuideline ?? Guideline.First(municipalityId, "Riktlinjer för IOP (bench)", new DateOnly(2016, 1, 1), null, BenchRules);
        var c = Case.Open(guideline, organisation.Id, organisation.LegalForm, new Initiative("Arbetsträning för unga", "Unga skolas in i föreningens verksamhet.",
            "Ungdomar 14–25 år", null, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), 530_000m), "bench", clock.GetUtcNow());
        var a = Agreement.Draft(c.Id, municipalityId, [municipalityId], [organisation.Id], SorakerAgreement.TimraRules, $"Idéburet offentligt partnerskap mellan {municipality.Name} och {organisation.Name}",
            [new(municipalityId, PartyKind.Municipality, municipality.Name, null), new(organisation.Id, PartyKind.Organisation, organisation.Name, organisation.OrgNumber)],
            Agreement.SectionsFrom(SorakerAgreement.TimraRules, SorakerAgreement.Texts), SorakerAgreement.Facts, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), clock.GetUtcNow());
        foreach (var line in SorakerAgreement.Budget(municipalityId, organisation.Id))
        {
            a.SaveBudgetLine(line);
        }

        a.SetSteeringGroup([new(municipalityId, "Lars Backlund", null), new(organisation.Id, "Christina Thonman", null)]);
        a.SetSignatories([new(Guid.Empty, municipalityId, "Anna Andersson", "Kommunstyrelsens ordförande"), new(Guid.Empty, organisation.Id, "Christina Thonman", "Ordförande")]);
        if (existingGuideline is null)
        {
            db.Guidelines.Add(guideline);
        }

        db.Cases.Add(c);
        db.Agreements.Add(a);
        db.AgreementVersions.Add(new AgreementVersion(a, "bench", clock.GetUtcNow(), null));
        await db.SaveChangesAsync(ct);
        return a.Id;
    }

    /// <summary>Partnerships per municipality by default (about 870 at national scale); <c>--partnerships-per-municipality N</c> sets another, as far as organisations allow.</summary>
    /// <summary>
    /// The people the reminders reach: in each bench municipality an official, a municipal
    /// administrator and a member of its first committee; for each bench partnership's
    /// organisation a representative. Written directly (they cannot sign in: no password).
    /// </summary>
    private async Task PeopleAsync(TextWriter output, CancellationToken ct)
    {
        var have = (await db.Users.Where(u => u.Email!.EndsWith("@bench.example")).Select(u => u.Email!).ToListAsync(ct)).ToHashSet();
        var municipalities = await db.Municipalities.IgnoreQueryFilters().Where(m => m.Slug.StartsWith("bench-")).OrderBy(m => m.Slug)
            .Select(m => new { m.Id, m.Slug, Committee = db.Committees.IgnoreQueryFilters().Where(c => c.MunicipalityId == m.Id).OrderBy(c => c.Name).Select(c => (Guid?)c.Id).FirstOrDefault() })
            .ToListAsync(ct);
        var organisations = await db.Partnerships.IgnoreQueryFilters().Where(p => municipalities.Select(m => m.Id).Contains(p.MunicipalityId))
            .Select(p => p.OrganisationIds).ToListAsync(ct);
        var added = 0;
        void Person(string email, string name, Role role, Guid? municipality, Guid? committee, Guid? organisation)
        {
            if (!have.Add(email))
            {
                return;
            }

            var u = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"), DisplayName = name, Role = role,
                MunicipalityId = municipality, CommitteeId = committee, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true,
            };
            if (organisation is { } o)
            {
                u.Organisations.Add(new UserOrganisation { UserId = u.Id, OrganisationId = o });
            }

            db.Users.Add(u);
            added++;
        }

        foreach (var m in municipalities)
        {
            Person($"handlaggare.{m.Slug}@bench.example", $"Handläggare {m.Slug}", Role.Official, m.Id, null, null);
            Person($"kommunadmin.{m.Slug}@bench.example", $"Kommunadmin {m.Slug}", Role.MunicipalAdministrator, m.Id, null, null);
            Person($"ledamot.{m.Slug}@bench.example", $"Ledamot {m.Slug}", Role.CommitteeMember, m.Id, m.Committee, null);
        }

        foreach (var o in organisations.SelectMany(ids => ids).Distinct())
        {
            Person($"foretradare.{o:N}@bench.example", "Företrädare", Role.OrganisationRepresentative, null, null, o);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await output.WriteLineAsync($"Bench people: {added} added ({have.Count} in all).");
    }

    public const int DefaultPartnershipsPerMunicipality = 3;

    private int PartnershipsPerMunicipality { get; set; } = DefaultPartnershipsPerMunicipality;

    private static readonly GuidelineRules BenchRules = GuidelinePresets.Blank with
    {
        Criteria = ["Verksamheten bedrivs av en idéburen organisation."], MaxTermYears = 10, FollowUpGatesPayment = true,
    };

    /// <summary>
    /// Running partnerships with ten years of history each (2017–2026, up to today): monthly
    /// steering-group meetings, an activity log entry a month, quarterly follow-ups presented, yearly
    /// reports with books and statements approved, every grant paid as soon as it may be, funds used
    /// reported per year. Built through the domain, as users would have. Returns one in the first
    /// municipality, whose official the bench signs in as.
    /// </summary>
    private async Task<Guid> PartnershipsAsync(int municipalityCount, TextWriter output, CancellationToken ct)
    {
        var municipalities = await db.Municipalities.IgnoreQueryFilters().AsNoTracking().Where(m => m.Slug.StartsWith("bench-"))
            .Select(m => new { m.Id, m.Name, m.Slug }).ToListAsync(ct);
        municipalities = municipalities.OrderBy(m => int.Parse(m.Slug[6..], System.Globalization.CultureInfo.InvariantCulture)).Take(municipalityCount).ToList();
        var have = await db.Partnerships.IgnoreQueryFilters().Select(p => p.MunicipalityId).Distinct().ToListAsync(ct);
        var organisations = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.OrgNumber.StartsWith("892")).OrderBy(o => o.OrgNumber)
            .Select(o => new { o.Id, o.Name, o.OrgNumber }).Take(municipalityCount * PartnershipsPerMunicipality + 1).ToListAsync(ct);
        var today = Domain.Formatting.Swedish.Today(clock);
        var guidelines = (await db.Guidelines.IgnoreQueryFilters().Where(g => g.MunicipalityId != Guid.Empty).ToListAsync(ct))
            .GroupBy(g => g.MunicipalityId).ToDictionary(g => g.Key, g => g.MaxBy(x => x.Number)!);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        for (var i = 0; i < municipalities.Count; i++)
        {
            var m = municipalities[i];
            if (have.Contains(m.Id))
            {
                continue;
            }

            if (!guidelines.TryGetValue(m.Id, out var guideline))
            {
                guideline = Guideline.First(m.Id, "Riktlinjer för IOP (bench)", new DateOnly(2016, 1, 1), null, BenchRules);
                db.Guidelines.Add(guideline);
            }

            for (var k = 0; k < PartnershipsPerMunicipality && i * PartnershipsPerMunicipality + k + 1 < organisations.Count; k++)
            {
                var o = organisations[i * PartnershipsPerMunicipality + k + 1];
                var p = TenYears(guideline, m.Id, m.Name, o.Id, o.Name, o.OrgNumber, today, out var c, out var a, out var files);
                db.Cases.Add(c);
                db.Agreements.Add(a);
                db.AgreementVersions.Add(new AgreementVersion(a, "bench", clock.GetUtcNow(), null));
                db.Partnerships.Add(p);
                db.StoredFiles.AddRange(files.Select(id => new Data.Configurations.StoredFile { Id = id, Content = pdf }));
            }

            if (i % 10 == 9 || i == municipalities.Count - 1)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        var count = await db.Partnerships.IgnoreQueryFilters().CountAsync(ct);
        var first = await db.Partnerships.IgnoreQueryFilters().CountAsync(p => p.MunicipalityId == municipalities[0].Id, ct);
        await output.WriteLineAsync($"Bench partnerships: {count} with ten years of history, {first} in the first municipality ({started.Elapsed.TotalSeconds:0} s).");
        return await db.Partnerships.IgnoreQueryFilters().Where(p => p.MunicipalityId == municipalities[0].Id).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(ct);
    }

    private static Domain.Partnerships.Partnership TenYears(Guideline guideline, Guid municipalityId, string municipalityName, Guid organisationId, string organisationName,
        string orgNumber, DateOnly today, out Case c, out Agreement a, out List<Guid> files)
    {
        var (start, end) = (new DateOnly(2017, 1, 1), new DateOnly(2026, 12, 31));
        var at = new DateTimeOffset(2016, 11, 1, 9, 0, 0, TimeSpan.Zero);
        c = Case.Open(guideline, organisationId, LegalForm.NonProfitAssociation, new Initiative("Öppen verksamhet för unga", "Föreningen håller öppet för unga tre kvällar i veckan.",
            "Unga 13–19 år", null, start, end, 400_000m), "bench", at);
        a = Agreement.Draft(c.Id, municipalityId, [municipalityId], [organisationId], BenchRules, $"Idéburet offentligt partnerskap mellan {municipalityName} och {organisationName}",
            [new(municipalityId, PartyKind.Municipality, municipalityName, null), new(organisationId, PartyKind.Organisation, organisationName, orgNumber)],
            Agreement.SectionsFrom(BenchRules, SorakerAgreement.Texts), new AgreementFacts { TargetGroup = "Unga 13–19 år", AgeFrom = 13, AgeTo = 19, KeyFigures = ["Unika besökare", "Ideella timmar"] },
            start, end, at);
        foreach (var section in a.Content.Sections.Where(x => x.Text.Length == 0 && !Agreement.IsGenerated(x.Heading)))
        {
            a.EditSection(section.Number, "Enligt parternas överenskommelse.");
        }

        for (var year = start.Year; year <= end.Year; year++)
        {
            a.SaveBudgetLine(new BudgetLine(Guid.CreateVersion7(), municipalityId, year, "Verksamhetsstöd", BudgetCategory.OperatingGrant, false, BudgetCalculation.Parse("400 tkr")));
            a.SaveBudgetLine(new BudgetLine(Guid.CreateVersion7(), organisationId, year, "Ideella ledare", BudgetCategory.Volunteers, true, BudgetCalculation.Parse("40 veckor × 12 tim × 150 kr")));
        }

        a.SetSteeringGroup([new(municipalityId, "Handläggare A", null), new(municipalityId, "Chef B", null), new(organisationId, "Ordförande C", null), new(organisationId, "Kassör D", null)]);
        a.SetSignatories([new(Guid.Empty, municipalityId, "Ordförande KS", "Ordförande"), new(Guid.Empty, organisationId, "Ordförande C", "Ordförande")]);
        a.SendToDecision();
        a.Approve(new AgreementDecision("Kommunstyrelsen", new DateOnly(2016, 11, 20), "§ 1", "KS 2016/1"));
        foreach (var s in a.Content.Signatories)
        {
            a.Sign(s.Id, new DateOnly(2016, 12, 1), "bench", today);
        }

        var p = Domain.Partnerships.Partnership.Start(a, at.AddMonths(1));
        files = [];
        const string who = "bench";
        foreach (var date in p.MeetingSchedule().Where(d => d < today))
        {
            var when = new DateTimeOffset(date.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);
            p.RecordMeeting(date, Domain.Partnerships.MeetingKind.Ordinary, "Läget; ekonomin.", ["Handläggare A", "Ordförande C"], "Minnesanteckningar.",
                [new($"Verksamheten fortsätter enligt plan ({date:yyyy-MM}).", [])], who, when);
            if (date.AddDays(14) >= today)
            {
                continue;
            }

            p.LogActivity(date.AddDays(14), "Öppna kvällar", null, new Dictionary<string, decimal> { ["Unika besökare"] = 40 + date.Month, ["Ideella timmar"] = 144 }, who, today);
        }

        for (var year = start.Year; year <= end.Year; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var quarterEnd = new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);
                if (quarterEnd.AddDays(20) >= today)
                {
                    break;
                }

                p.SaveQuarterly(year, quarter, "Enligt plan.", who, quarterEnd.AddDays(10));
                p.RecordPresented(year, quarter, quarterEnd.AddDays(15), quarterEnd.AddDays(20), quarterEnd.AddDays(20));
            }

            var payment = p.Payments.First(x => x.Year == year);
            if (year < today.Year)
            {
                var lines = p.BudgetLines.Where(l => l.Year == year).ToDictionary(l => l.Id, l => l.Budgeted * 0.97m);
                p.ReportUsage(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), lines, who, new DateOnly(year + 1, 1, 20));
                p.SubmitFollowUp(year, "Verksamheten har genomförts enligt plan.", new Dictionary<string, decimal> { ["Unika besökare"] = 600 },
                    new Domain.Partnerships.Finances(900_000m, 880_000m, 300_000m, 150_000m), who, new DateOnly(year + 1, 2, 15));
                foreach (var kind in new[] { Domain.Partnerships.StatementKind.IncomeStatement, Domain.Partnerships.StatementKind.BalanceSheet })
                {
                    var id = Guid.CreateVersion7();
                    files.Add(id);
                    p.AttachStatement(year, kind, id, kind == Domain.Partnerships.StatementKind.IncomeStatement ? "resultatrakning.pdf" : "balansrakning.pdf",
                        FileFormat.Pdf, new string('0', 64), who, new DateOnly(year + 1, 2, 15));
                }

                p.AssessFollowUp(year, Domain.Partnerships.Assessment.Approved, null, who, new DateOnly(year + 1, 3, 1));
            }

            if (p.Blocker(payment) is null && payment.DueOn <= today)
            {
                var paidOn = payment.DueOn > new DateOnly(year, 3, 2) ? payment.DueOn : new DateOnly(year, 3, 2);
                p.MarkPaid(payment.Id, paidOn <= today ? paidOn : today, $"VER {year}-{payment.Id.ToString()[..4]}", who, today);
            }
        }

        return p;
    }
}
