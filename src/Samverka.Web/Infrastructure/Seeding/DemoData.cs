using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Funding;
using Samverka.Domain.Agreements;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Infrastructure.Seeding;

/// <summary>
/// Swedish demo data for Development: the municipalities of the seed documents, their
/// committees, a handful of organisations, and one account per role. Idempotent: each item is
/// looked up by its natural key and created only when missing. Never runs outside Development.
/// </summary>
public sealed class DemoData(SamverkaDbContext db, UserManager<ApplicationUser> users, TimeProvider clock)
{
    /// <summary>Every demo account's password (documented in README.md).</summary>
    public const string Password = "samverka-demo-2026";

    /// <summary>The authenticator key of the demo administrators (base32), so their second factor can be computed.</summary>
    public const string AuthenticatorKey = "JBSWY3DPEHPK3PXP";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@samverka.example", "Sara Systemadmin", Role.SystemAdministrator, null, null),
        new("kommunadmin@stenungsund.example", "Karin Kommunadmin", Role.MunicipalAdministrator, "stenungsund", null),
        new("handlaggare@stenungsund.example", "Henrik Handläggare", Role.Official, "stenungsund", null),
        new("ledamot@stenungsund.example", "Lena Ledamot", Role.CommitteeMember, "stenungsund", null),
        new("revisor@stenungsund.example", "Rolf Revisor", Role.Auditor, "stenungsund", null),
        new("ordforande@soraker.example", "Åsa Öberg", Role.OrganisationRepresentative, null, "802011-2341"),
        new("handlaggare@soderhamn.example", "Örjan Ärlig", Role.Official, "soderhamn", null),
        new("kommunadmin@soderhamn.example", "Signe Söderström", Role.MunicipalAdministrator, "soderhamn", null),
        new("handlaggare@timra.example", "Tove Timrå", Role.Official, "timra", null),
        new("kansli@stenungsundsif.example", "Ingrid Idrottsson", Role.OrganisationRepresentative, null, "802435-6787"),
    ];

    private static readonly (string Name, string OrgNumber, string Slug, (string Name, bool Ks, string Prefix, string Remit)[] Committees)[] Municipalities =
    [
        ("Stenungsunds kommun", "212000-1421", "stenungsund",
        [
            ("Kommunstyrelsen", true, "KS", "Leder och samordnar kommunens verksamhet; beslutar om IOP enligt kommunens riktlinjer."),
            ("Socialnämnden", false, "SN", "Individ- och familjeomsorg, funktionsstöd och äldreomsorg."),
            ("Bildningsnämnden", false, "BIN", "Förskola, grundskola, gymnasium och vuxenutbildning."),
            ("Kultur- och fritidsnämnden", false, "KFN", "Kultur, bibliotek, fritidsgårdar och föreningsstöd."),
        ]),
        ("Söderhamns kommun", "212000-2304", "soderhamn",
        [
            ("Kommunstyrelsen", true, "KS", "Beslutar om IOP som spänner över flera nämnder eller kommuner."),
            ("Socialnämnden", false, "SN", "Socialtjänst, omsorg och stöd."),
            ("Barn- och utbildningsnämnden", false, "BUN", "Förskola, skola och fritidshem."),
            ("Kultur- och fritidsnämnden", false, "KFN", "Kultur, fritid och föreningsliv."),
        ]),
        ("Timrå kommun", "212000-2288", "timra",
        [
            ("Kommunstyrelsen", true, "KS", "Leder och samordnar kommunens verksamhet."),
            ("Socialnämnden", false, "SN", "Socialförvaltningen: arbetsmarknad, integration och individ- och familjeomsorg."),
        ]),
    ];

    private static readonly (string OrgNumber, string Name, LegalForm Form, string Street, string PostalCode, string City, int Members)[] Organisations =
    [
        ("802011-2341", "Söråkers Folketshusförening", LegalForm.NonProfitAssociation, "Folkets husvägen 2", "86033", "Söråker", 412),
        ("802435-6787", "Stenungsunds Idrottsförening", LegalForm.NonProfitAssociation, "Idrottsvägen 8", "44430", "Stenungsund", 1250),
        ("802512-3491", "Stiftelsen Kustens Unga", LegalForm.Foundation, "Strandvägen 14", "44431", "Stenungsund", 0),
        ("252004-5671", "Equmeniaförsamlingen i Söderhamn", LegalForm.RegisteredFaithCommunity, "Kyrkogatan 5", "82631", "Söderhamn", 180),
        ("556987-1238", "Hälsinge Arbetsintegrering AB (svb)", LegalForm.LimitedCompanyRestrictedProfit, "Hamngatan 21", "82630", "Söderhamn", 0),
        ("769612-3459", "Kooperativet Lärkan ekonomisk förening", LegalForm.EconomicAssociation, "Lärkvägen 3", "82640", "Söderhamn", 35),
        ("802477-0011", "Hela Söderhamn – ideell förening", LegalForm.NonProfitAssociation, "Storgatan 40", "82632", "Söderhamn", 96),
        ("802466-1236", "Söderhamns Idrottsallians", LegalForm.NonProfitAssociation, "Idrottsgatan 1", "82634", "Söderhamn", 2100),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var municipalityIds = new Dictionary<string, Guid>();
        foreach (var (name, orgNumber, slug, committees) in Municipalities)
        {
            var municipality = await db.Municipalities.FirstOrDefaultAsync(m => m.Slug == slug, ct);
            if (municipality is null)
            {
                municipality = new Municipality(name, orgNumber, slug);
                municipality.SetContactEmail($"iop@{slug}.example");
                db.Municipalities.Add(municipality);
            }

            municipalityIds[slug] = municipality.Id;
            var existing = await db.Committees.Where(c => c.MunicipalityId == municipality.Id).Select(c => c.Name).ToListAsync(ct);
            foreach (var (committee, ks, prefix, remit) in committees.Where(c => !existing.Contains(c.Name)))
            {
                var c = new Committee(municipality.Id, committee, ks, remit);
                c.Update(committee, remit, prefix);
                db.Committees.Add(c);
            }
        }

        // The guidelines of the seed documents. Stenungsund's page was last updated 2023-11-30; the
        // Söderhamn document carries no date (its focus areas are for 2020–2023), so its date is
        // illustrative, and shows a review that is overdue.
        await SeedGuidelineAsync(municipalityIds["stenungsund"], "Riktlinjer för IOP i Stenungsunds kommun", new DateOnly(2023, 11, 30), null, GuidelinePresets.Stenungsund, ct);
        await SeedGuidelineAsync(municipalityIds["soderhamn"], "Riktlinjer för idéburet offentligt partnerskap i Söderhamns kommun", new DateOnly(2020, 2, 1), null, GuidelinePresets.Soderhamn, ct);
        await SeedGuidelineAsync(municipalityIds["timra"], "Riktlinjer för IOP i Timrå kommun (exempel)", new DateOnly(2017, 6, 1), null, SorakerAgreement.TimraRules, ct);

        var organisationIds = new Dictionary<string, Guid>();
        foreach (var o in Organisations)
        {
            var organisation = await db.Organisations.FirstOrDefaultAsync(x => x.OrgNumber == o.OrgNumber, ct);
            if (organisation is null)
            {
                organisation = new Organisation(OrgNumber.Parse(o.OrgNumber), o.Name, o.Form);
                organisation.Update(o.Name, o.Form, o.Street, o.PostalCode, o.City,
                    $"info@{Municipality.Slugify(o.Name)}.example", "0303-12 34 56", o.Members == 0 ? null : o.Members);
                if (o.OrgNumber == "802011-2341")
                {
                    organisation.SetBoard([new("Åsa Öberg", "Ordförande"), new("Per Persson", "Kassör"), new("Lisa Lund", "Sekreterare"), new("Nils Nord", "Ledamot")]);
                    organisation.SetContacts([new("Åsa Öberg", "Ordförande", "ordforande@soraker.example", "060-12 34 56")]);
                }
                else if (o.OrgNumber == "802435-6787")
                {
                    organisation.SetBoard([new("Göran Grön", "Ordförande"), new("Ingrid Idrottsson", "Kanslichef, adjungerad"), new("Sofia Simm", "Ledamot")]);
                    organisation.SetContacts([new("Ingrid Idrottsson", "Kanslichef", "kansli@stenungsundsif.example", "0303-12 34 56")]);
                }

                db.Organisations.Add(organisation);
            }

            organisationIds[o.OrgNumber] = organisation.Id;
        }

        await db.SaveChangesAsync(ct);

        await SeedFundingAndCasesAsync(municipalityIds, organisationIds, ct);

        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.Name,
                Role = account.Role,
                MunicipalityId = account.Municipality is null ? null : municipalityIds[account.Municipality],
                // The demo committee member sits on kommunstyrelsen, which decides every IOP in Stenungsund.
                CommitteeId = account.Role == Role.CommitteeMember
                    ? await db.Committees.Where(c => c.MunicipalityId == municipalityIds[account.Municipality!] && c.IsExecutiveBoard).Select(c => (Guid?)c.Id).FirstAsync(ct)
                    : null,
                CreatedAt = clock.GetUtcNow(),
            };
            if (account.Organisation is not null)
            {
                user.Organisations.Add(new UserOrganisation { OrganisationId = organisationIds[account.Organisation] });
            }

            Check(await users.CreateAsync(user, Password));
            if (account.Role.RequiresSecondFactor())
            {
                Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", AuthenticatorKey));
                Check(await users.SetTwoFactorEnabledAsync(user, true));
            }
        }

        await SeedTeamAsync(ct);
    }

    /// <summary>The people working in the running demo partnerships: the officials, and in Stenungsund the club's office manager.</summary>
    private async Task SeedTeamAsync(CancellationToken ct)
    {
        foreach (var (title, emails, municipality, organisation) in new[]
        {
            (DemoPartnerships.Title, new[] { "handlaggare@stenungsund.example", "kansli@stenungsundsif.example" }, "Stenungsunds kommun", "Stenungsunds Idrottsförening"),
            (DemoPartnerships.NightWalkTitle, new[] { "handlaggare@soderhamn.example" }, "Söderhamns kommun", "Söderhamns Idrottsallians"),
        })
        {
            var partnership = await db.Partnerships.Where(p => p.Title == title).Select(p => new { p.Id, p.MunicipalityId, p.StartedAt }).FirstOrDefaultAsync(ct);
            if (partnership is null || await db.TeamMembers.AnyAsync(t => t.PartnershipId == partnership.Id, ct))
            {
                continue;
            }

            var team = await db.Users.Where(u => emails.Contains(u.Email!)).OrderBy(u => u.Role).Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync(ct);
            if (team.Count == 0)
            {
                continue;
            }

            foreach (var member in team)
            {
                var side = member.Role == Role.OrganisationRepresentative ? organisation : municipality;
                db.TeamMembers.Add(new TeamMember(partnership.Id, partnership.MunicipalityId, member.Id, member.DisplayName, side, team[0].DisplayName, partnership.StartedAt));
                db.TeamChanges.Add(new TeamChange(partnership.Id, partnership.MunicipalityId, member.DisplayName, side, joined: true, null, team[0].DisplayName, partnership.StartedAt));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// IOP frames for the committees, one grant in Söderhamn's register of other support, and
    /// three cases at different steps: an approved one in Stenungsund (money committed against
    /// the frame), one in dialogue, and one in Söderhamn in draft whose organisation already has a
    /// grant for night walks from another committee.
    /// </summary>
    private async Task SeedFundingAndCasesAsync(Dictionary<string, Guid> municipalityIds, Dictionary<string, Guid> organisationIds, CancellationToken ct)
    {
        if (await db.Cases.AnyAsync(ct))
        {
            return;
        }

        var committees = await db.Committees.AsNoTracking().ToListAsync(ct);
        Committee Committee(string slug, string name) => committees.Single(c => c.MunicipalityId == municipalityIds[slug] && c.Name == name);
        var year = Swedish.Today(clock).Year;
        foreach (var (slug, name, amount) in new[] { ("stenungsund", "Kommunstyrelsen", 3_000_000m), ("soderhamn", "Socialnämnden", 1_200_000m), ("soderhamn", "Kultur- och fritidsnämnden", 800_000m) })
        {
            for (var y = year; y < year + 3; y++)
            {
                db.BudgetFrames.Add(new BudgetFrame(municipalityIds[slug], Committee(slug, name).Id, y, amount));
            }
        }

        db.OtherSupport.Add(new OtherSupport(municipalityIds["soderhamn"], organisationIds["802477-0011"], Committee("soderhamn", "Kultur- och fritidsnämnden").Id,
            SupportKind.Grant, "Nattvandring i centrum", year - 1, year + 1, 60_000m));

        var now = clock.GetUtcNow();
        var stenungsund = await db.Guidelines.Where(g => g.MunicipalityId == municipalityIds["stenungsund"]).OrderByDescending(g => g.Number).FirstAsync(ct);
        var soderhamn = await db.Guidelines.Where(g => g.MunicipalityId == municipalityIds["soderhamn"]).OrderByDescending(g => g.Number).FirstAsync(ct);
        const string henrik = "Henrik Handläggare", orjan = "Örjan Ärlig";

        var approved = Case.Open(stenungsund, organisationIds["802435-6787"], LegalForm.NonProfitAssociation, new Initiative("Spontanidrott på Stenungsön",
            "Öppna träningar tre kvällar i veckan för unga som inte är med i någon förening, med ledare från föreningen.", "Unga 12–19 år",
            "Föreningen har drivit öppen idrott på lov sedan 2019.", new DateOnly(year, 1, 1), new DateOnly(year + 1, 12, 31), 1_200_000m), "Ingrid Idrottsson", now.AddDays(-300));
        Prepare(approved, henrik, now.AddDays(-290));
        approved.SendToDecision([], new DecidingBodyChoice(Committee("stenungsund", "Kommunstyrelsen").Id, "Kommunstyrelsen", "Enligt riktlinjerna beslutar kommunstyrelsen om alla IOP."),
            [], henrik, now.AddDays(-250));
        var decision = approved.RecordDecision(new DecisionInput(municipalityIds["stenungsund"], Committee("stenungsund", "Kommunstyrelsen").Id, "Kommunstyrelsen",
            Swedish.DayOf(now.AddDays(-240)), "§ 88", $"KS {year - 1}/412", "Kommunstyrelsen beslutar att ingå idéburet offentligt partnerskap med Stenungsunds Idrottsförening.",
            true, false), BudgetOutlook.None, "Lena Ledamot", now.AddDays(-240));
        db.Cases.Add(approved);
        db.CaseNumbers.Add(new Data.Configurations.CaseNumberEntry { MunicipalityId = municipalityIds["stenungsund"], Number = decision.CaseNumber, CaseId = approved.Id });
        var running = DemoPartnerships.Stenungsund(approved, decision, stenungsund.Rules, municipalityIds["stenungsund"], organisationIds["802435-6787"], Swedish.Today(clock), TimeSpan.Zero);
        db.Agreements.Add(running.Agreement);
        db.AgreementVersions.Add(running.Version);
        db.Partnerships.Add(running.Partnership);

        var dialogue = Case.Open(stenungsund, organisationIds["802512-3491"], LegalForm.Foundation, new Initiative("Läxhjälp och rörelse efter skolan",
            "Läxhjälp två eftermiddagar i veckan följt av lek och rörelse, i stiftelsens lokaler vid hamnen.", "Barn 9–12 år",
            "Stiftelsen driver läxhjälp med volontärer sedan 2021.", null, null, 350_000m), henrik, now.AddDays(-20));
        dialogue.StartDialogue(henrik, now.AddDays(-19));
        dialogue.LogMeeting(Swedish.DayOf(now.AddDays(-12)), "Henrik Handläggare (bildningsförvaltningen)", "Maja Lind, ordförande; Omar Said, volontärsamordnare",
            "Fler barn klarar skolans mål och rör sig varje dag.", "Alla barn är välkomna; verksamheten är avgiftsfri och religiöst och politiskt obunden.", null, henrik, now.AddDays(-12));
        db.Cases.Add(dialogue);

        // Waiting for kommunstyrelsen: the committee member's decision queue is not empty on the first day.
        var awaiting = Case.Open(stenungsund, organisationIds["802512-3491"], LegalForm.Foundation, new Initiative("Simskola för nyanlända familjer",
            "Simskola på lördagar i Stenungsbadet för barn och deras föräldrar, med ledare från stiftelsen och tolk vid behov.", "Barn 6–12 år och deras föräldrar",
            "Stiftelsen har haft simträning för nyanlända på sommarlovet sedan 2022.", new DateOnly(year + 1, 1, 1), new DateOnly(year + 2, 12, 31), 240_000m), henrik, now.AddDays(-70));
        Prepare(awaiting, henrik, now.AddDays(-60));
        awaiting.SendToDecision([], new DecidingBodyChoice(Committee("stenungsund", "Kommunstyrelsen").Id, "Kommunstyrelsen", "Enligt riktlinjerna beslutar kommunstyrelsen om alla IOP."),
            [], henrik, now.AddDays(-10));
        db.Cases.Add(awaiting);

        var draft = Case.Open(soderhamn, organisationIds["802477-0011"], LegalForm.NonProfitAssociation, new Initiative("Nattvandringar helger i Söderhamns centrum",
            "Vuxna nattvandrare från flera föreningar rör sig i centrum fredag och lördag kväll för att skapa trygghet för unga.", "Unga 13–20 år i centrala Söderhamn",
            null, new DateOnly(year + 1, 1, 1), new DateOnly(year + 2, 12, 31), 240_000m), orjan, now.AddDays(-60));
        Prepare(draft, orjan, now.AddDays(-50));
        db.Cases.Add(draft);

        // Night walks in Söderhamn: the committee whose remit it is decides, after legal and finance were consulted.
        var socialnamnden = Committee("soderhamn", "Socialnämnden");
        var nightWalks = Case.Open(soderhamn, organisationIds["802466-1236"], LegalForm.NonProfitAssociation, new Initiative("Nattvandring i Söderhamn",
            "Alliansen samordnar vuxna nattvandrare från flera föreningar fredag och lördag natt i centrum och vid stationen.", "Unga 13–20 år i centrala Söderhamn",
            null, new DateOnly(year, 1, 1), new DateOnly(year + 1, 12, 31), 192_000m), orjan, now.AddDays(-280));
        Prepare(nightWalks, orjan, now.AddDays(-270));
        nightWalks.SetRemitCommittees([socialnamnden.Id]);
        nightWalks.SendToDecision([], new DecidingBodyChoice(socialnamnden.Id, socialnamnden.Name, "Trygghetsarbete för unga ligger inom socialnämndens ansvar."), [], orjan, now.AddDays(-240));
        var nightDecision = nightWalks.RecordDecision(new DecisionInput(municipalityIds["soderhamn"], socialnamnden.Id, socialnamnden.Name,
            Swedish.DayOf(now.AddDays(-230)), "§ 54", $"SN {year}/31", "Socialnämnden beslutar att ingå idéburet offentligt partnerskap med Söderhamns Idrottsallians om nattvandring.",
            true, false), BudgetOutlook.None, orjan, now.AddDays(-230));
        db.Cases.Add(nightWalks);
        db.CaseNumbers.Add(new Data.Configurations.CaseNumberEntry { MunicipalityId = municipalityIds["soderhamn"], Number = nightDecision.CaseNumber, CaseId = nightWalks.Id });
        var walking = DemoPartnerships.Soderhamn(nightWalks, nightDecision, soderhamn.Rules, municipalityIds["soderhamn"], organisationIds["802466-1236"], Swedish.Today(clock), TimeSpan.Zero);
        db.Agreements.Add(walking.Agreement);
        db.AgreementVersions.Add(walking.Version);
        db.Partnerships.Add(walking.Partnership);
        await db.SaveChangesAsync(ct);
        await SeedSorakerAsync(municipalityIds["timra"], organisationIds["802011-2341"], Committee("timra", "Kommunstyrelsen"), ct);
    }

    /// <summary>
    /// The seed agreement: Timrå's case with Söråkers Folketshusförening, approved by kommunstyrelsen
    /// (the § and diarienummer are illustrative: the document does not give them), and the agreement
    /// transcribed in full, still a draft so a user can approve, sign and verify it.
    /// </summary>
    private async Task SeedSorakerAsync(Guid timra, Guid soraker, Committee ks, CancellationToken ct)
    {
        const string tove = "Tove Timrå";
        var guideline = await db.Guidelines.Where(g => g.MunicipalityId == timra).OrderByDescending(g => g.Number).FirstAsync(ct);
        var opened = new DateTimeOffset(2017, 6, 12, 9, 0, 0, TimeSpan.Zero);
        var c = Case.Open(guideline, soraker, LegalForm.NonProfitAssociation, new Initiative("Arbetsträning för unga på Söråkers Folkets Hus",
            "Ungdomar skolas in i föreningens kultur- och caféverksamhet med stöd av handledare, för meningsfull sysselsättning och personlig utveckling.",
            "Ungdomar 14–25 år", "Föreningen tar redan emot personer för arbetsträning.", new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), 530_000m), tove, opened);
        Prepare(c, tove, opened.AddDays(30));
        c.SendToDecision([], new DecidingBodyChoice(ks.Id, ks.Name, "Enligt riktlinjerna beslutar kommunstyrelsen om alla IOP."), [], tove, opened.AddDays(150));
        var decision = c.RecordDecision(new DecisionInput(timra, ks.Id, ks.Name, new DateOnly(2017, 12, 5), "§ 201", "KS 2017/400",
            "Kommunstyrelsen beslutar att ingå idéburet offentligt partnerskap med Söråkers Folketshusförening för 2018.", true, false),
            BudgetOutlook.None, tove, opened.AddDays(176));
        db.Cases.Add(c);
        db.CaseNumbers.Add(new Data.Configurations.CaseNumberEntry { MunicipalityId = timra, Number = decision.CaseNumber, CaseId = c.Id });

        var timraParty = new AgreementParty(timra, PartyKind.Municipality, "Timrå kommun", null);
        var sorakerParty = new AgreementParty(soraker, PartyKind.Organisation, "Söråkers Folketshusförening", "802011-2341");
        var a = Agreement.Draft(c.Id, timra, [timra], [soraker], guideline.Rules, "Idéburet offentligt partnerskap mellan Timrå kommun och Söråkers Folketshusförening",
            [timraParty, sorakerParty], Agreement.SectionsFrom(guideline.Rules, SorakerAgreement.Texts), SorakerAgreement.Facts,
            new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), opened.AddDays(140));
        a.SetSteeringGroup([new(timra, "Lars Backlund", null), new(timra, "Ronny Rönnbäck", null), new(soraker, "Christina Thonman", null), new(soraker, "Eva Holmström", null)]);
        foreach (var line in SorakerAgreement.Budget(timra, soraker))
        {
            a.SaveBudgetLine(line);
        }

        a.SetStatedTotal(timra, 2018, 530_000m);
        a.SetStatedTotal(soraker, 2018, 995_000m);
        a.SetSignatories([new(Guid.Empty, timra, "Anna Andersson", "Kommunstyrelsens ordförande"), new(Guid.Empty, soraker, "Christina Thonman", "Ordförande")]);
        db.Agreements.Add(a);
        db.AgreementVersions.Add(new AgreementVersion(a, tove, opened.AddDays(140), "Överenskommelsen överförd från det undertecknade originalet"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Walks a demo case through dialogue, eligibility and suitability into draft, as an official would.</summary>
    private static void Prepare(Case c, string official, DateTimeOffset at)
    {
        c.StartDialogue(official, at);
        c.LogMeeting(Swedish.DayOf(at), official, "Styrelsen", "Gemensam målbild för verksamheten.", "Organisationens värdegrund delas av kommunen.",
            "Att fler unga får en meningsfull fritid.", official, at);
        c.BeginEligibility(official, at);
        for (var i = 1; i <= c.Rules.Criteria.Count; i++)
        {
            c.JudgeCriterion(i, true, "Uppfyllt enligt dialogmötet och organisationens handlingar.", official, at);
        }

        c.JudgeRemit(true, "Fritids- och trygghetsarbete för unga ligger inom kommunens kompetens.", official, at);
        c.BeginSuitability(official, at);
        foreach (var aspect in Enum.GetValues<SuitabilityAspect>())
        {
            c.AssessSuitability(aspect, true, "Organisationen har lång erfarenhet av verksamheten och egna ledare.", official, at);
        }

        c.BeginDraft(official, at);
    }

    private async Task SeedGuidelineAsync(Guid municipalityId, string title, DateOnly adoptedOn, string? decision, GuidelineRules rules, CancellationToken ct)
    {
        if (!await db.Guidelines.AnyAsync(g => g.MunicipalityId == municipalityId, ct))
        {
            db.Guidelines.Add(Guideline.First(municipalityId, title, adoptedOn, decision, rules));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed record DemoAccount(string Email, string Name, Role Role, string? Municipality, string? Organisation);
