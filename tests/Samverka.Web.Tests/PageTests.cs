using Samverka.Web.Features.Api;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Samverka.Web.Features.Organisations;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

public abstract class PageTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    [Fact]
    public async Task A_refused_form_shows_the_Swedish_message_next_to_the_field_and_keeps_what_was_typed()
    {
        var client = await App.SignInAsync(Demo.Official);
        var response = await client.PostFormAsync("/organisationer/ny",
            ("Input.OrgNumber", "802011-2342"), ("Input.Name", "Ängsö Hembygdsförening"), ("Input.LegalForm", "NonProfitAssociation"),
            ("Input.City", "Stenungsund"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"Input_OrgNumber-error\"", html);
        Assert.Contains("kontrollsiffran stämmer inte", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains("value=\"Ängsö Hembygdsförening\"", html);
        Assert.Contains("value=\"802011-2342\"", html);
        Assert.False(await App.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == "Ängsö Hembygdsförening", Ct)));
    }

    [Fact]
    public async Task An_empty_initiative_is_refused_with_every_missing_field_at_once_and_the_representatives_municipality_is_preselected()
    {
        var rep = await App.SignInAsync("kansli@stenungsundsif.example"); // Stenungsunds IF has cases only with Stenungsund
        var form = await rep.GetStringAsync("/arenden/nytt", Ct);
        var stenungsund = await App.WithDbAsync(db => db.Municipalities.Where(m => m.Name == "Stenungsunds kommun").Select(m => m.Id).SingleAsync(Ct));
        Assert.Matches($"<option[^>]*selected=\"selected\"[^>]*value=\"{stenungsund}\"|<option[^>]*value=\"{stenungsund}\"[^>]*selected", form);

        var cases = await App.WithDbAsync(db => db.Cases.CountAsync(Ct));
        var response = await rep.PostFormAsync("/arenden/nytt", ("Input.MunicipalityId", ""), ("Input.Title", ""), ("Input.Idea", ""), ("Input.TargetGroup", ""),
            ("Input.AmountPerYear", "mycket"), ("Input.SimilarWork", "Sommarlovsaktiviteter sedan 2019."));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        foreach (var field in new[] { "MunicipalityId", "Title", "Idea", "TargetGroup", "AmountPerYear" })
        {
            Assert.Contains($"id=\"Input_{field}-error\"", html);
        }

        Assert.Contains("Sommarlovsaktiviteter sedan 2019.", html); // what was typed stays
        Assert.Equal(cases, await App.WithDbAsync(db => db.Cases.CountAsync(Ct)));

        // The API names every field as well.
        var api = await App.ApiAsync(Demo.Official);
        var refused = await api.PostAsJsonAsync("/api/v1/cases", new { title = "", idea = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("errors");
        Assert.All(new[] { "orgNumber", "title", "idea", "targetGroup" }, f => Assert.True(errors.TryGetProperty(f, out _), errors.ToString()));
    }

    [Fact]
    public async Task A_committee_members_start_page_leads_with_the_cases_waiting_for_her_decision()
    {
        var member = await App.SignInAsync(Demo.CommitteeMember);
        var html = await member.GetStringAsync("/", Ct);
        var waiting = await App.WithDbAsync(db => db.Cases.Where(c => c.State == Domain.Cases.CaseState.Decision && c.Title == "Simskola för nyanlända familjer").Select(c => c.Id).SingleAsync(Ct));
        var todo = html[html.IndexOf("<h2>Väntar på mig</h2>", StringComparison.Ordinal)..];
        todo = todo[..todo.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/arenden/{waiting}\"", todo);
        Assert.Contains("Beslut: Simskola för nyanlända familjer (Stiftelsen Kustens Unga), Kommunstyrelsen.", todo);
        Assert.DoesNotContain("Kvartalsuppföljning", todo); // what is on its way to the committee is shown apart, not as hers to do
        var queue = await member.GetStringAsync("/arenden?beslut=1", Ct);
        Assert.Contains("Simskola för nyanlända familjer", queue);
    }

    [Fact]
    public async Task Removing_a_budget_line_asks_first_and_ending_a_partnership_is_a_deliberate_choice_never_preselected()
    {
        var timra = await App.SignInAsync(Demo.TimraOfficial);
        var agreement = await App.WithDbAsync(db => db.Agreements.Where(a => a.State == Domain.Agreements.AgreementState.Draft).Select(a => a.Id).SingleAsync(Ct));
        var api = await App.ApiAsync(Demo.TimraOfficial);
        var dto = await (await api.GetAsync($"/api/v1/agreements/{agreement}", Ct)).ReadAsync<Features.Agreements.AgreementDto>();
        var line = dto.Budget.First(l => l.Label == "Lokaler");
        var page = await timra.GetStringAsync($"/overenskommelser/{agreement}", Ct);
        Assert.Contains($"href=\"/overenskommelser/{agreement}/budgetrader/{line.Id}/ta-bort\"", page); // a link to the question, not a form that deletes
        Assert.DoesNotContain("handler=Remove", page);

        var question = await timra.GetStringAsync($"/overenskommelser/{agreement}/budgetrader/{line.Id}/ta-bort", Ct);
        Assert.Contains("Ta bort budgetraden?", question);
        Assert.Contains("Lokaler", question);
        Assert.Contains($"href=\"/overenskommelser/{agreement}#budget\">Avbryt", question);
        Assert.Contains(line.Id, (await (await api.GetAsync($"/api/v1/agreements/{agreement}", Ct)).ReadAsync<Features.Agreements.AgreementDto>()).Budget.Select(l => l.Id)); // asking removed nothing
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignInAsync(Demo.Auditor)).GetAsync($"/overenskommelser/{agreement}/budgetrader/{line.Id}/ta-bort", Ct)).StatusCode);
        var removed = await timra.PostFormFromAsync($"/overenskommelser/{agreement}/budgetrader/{line.Id}/ta-bort", $"/overenskommelser/{agreement}/budgetrader/{line.Id}/ta-bort",
            ("Input.Version", dto.Version.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(line.Id, (await (await api.GetAsync($"/api/v1/agreements/{agreement}", Ct)).ReadAsync<Features.Agreements.AgreementDto>()).Budget.Select(l => l.Id));

        // Ending: behind a deliberate step; before the term is over only termination is offered, and nothing is chosen for the user.
        var official = await App.SignInAsync(Demo.Official);
        var running = await App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title).Select(p => new { p.Id, p.Version }).SingleAsync(Ct));
        var renewal = await official.GetStringAsync($"/partnerskap/{running.Id}/fornyelse", Ct);
        var end = renewal[renewal.IndexOf("id=\"end-heading\"", StringComparison.Ordinal)..];
        Assert.Contains("<details class=\"edit\">", end);
        Assert.DoesNotContain("Avtalstiden har löpt ut", end);
        Assert.DoesNotContain("checked", end[..end.IndexOf("</form>", StringComparison.Ordinal)]);
        var refused = await official.PostFormFromAsync($"/partnerskap/{running.Id}/fornyelse", $"/partnerskap/{running.Id}/fornyelse?handler=End",
            ("End.Version", running.Version.ToString()), ("End.Reason", "Ingen vald"));
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Välj om partnerskapet avslutas efter avtalstiden eller hävs.", html);
        Assert.Contains("Ingen vald", html);
        Assert.Null(await App.WithDbAsync(db => db.Partnerships.Where(p => p.Id == running.Id).Select(p => p.Ended).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Removing_other_support_and_revoking_an_access_token_each_ask_first_on_a_page_of_their_own()
    {
        // Other support: the register links to the question; asking removes nothing; the answer removes it.
        var soderhamn = await App.SignInAsync(Demo.OtherMunicipalityOfficial);
        var (municipality, support) = await App.WithDbAsync(db => db.OtherSupport.Select(x => new ValueTuple<Guid, Guid>(x.MunicipalityId, x.Id)).SingleAsync(Ct));
        var register = await soderhamn.GetStringAsync($"/kommuner/{municipality}/annat-stod", Ct);
        Assert.Contains($"href=\"/kommuner/{municipality}/annat-stod/{support}/ta-bort\"", register);
        Assert.DoesNotContain("handler=Remove", register);
        var question = WebUtility.HtmlDecode(await soderhamn.GetStringAsync($"/kommuner/{municipality}/annat-stod/{support}/ta-bort", Ct));
        Assert.Contains("Ta bort registreringen av stödet?", question);
        Assert.Contains("Nattvandring i centrum", question);
        Assert.Contains($"href=\"/kommuner/{municipality}/annat-stod\">Avbryt", question);
        Assert.True(await App.WithDbAsync(db => db.OtherSupport.AnyAsync(x => x.Id == support, Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignInAsync(Demo.Official)).GetAsync($"/kommuner/{municipality}/annat-stod/{support}/ta-bort", Ct)).StatusCode);
        var removed = await soderhamn.PostFormFromAsync($"/kommuner/{municipality}/annat-stod/{support}/ta-bort", $"/kommuner/{municipality}/annat-stod/{support}/ta-bort");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.OtherSupport.AnyAsync(x => x.Id == support, Ct)));

        // An access token: the account page links to the question; the answer revokes it.
        var official = await App.SignInAsync(Demo.Official);
        var created = await official.PostFormFromAsync("/konto", "/konto?handler=Token", ("Input.Name", "Ekonomisystemet"), ("Input.Days", "30"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode); // the page shows the secret once
        var token = await App.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Name == "Ekonomisystemet").Select(t => t.Id).SingleAsync(Ct));
        Assert.Contains($"href=\"/konto/nycklar/{token}/aterkalla\"", await official.GetStringAsync("/konto", Ct));
        Assert.Contains("Integrationer som använder nyckeln slutar fungera direkt.", WebUtility.HtmlDecode(await official.GetStringAsync($"/konto/nycklar/{token}/aterkalla", Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignInAsync(Demo.Auditor)).GetAsync($"/konto/nycklar/{token}/aterkalla", Ct)).StatusCode); // not the auditor's token
        Assert.Null(await App.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Id == token).Select(t => t.RevokedAt).SingleAsync(Ct)));
        var revoked = await official.PostFormFromAsync($"/konto/nycklar/{token}/aterkalla", $"/konto/nycklar/{token}/aterkalla");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.NotNull(await App.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Id == token).Select(t => t.RevokedAt).SingleAsync(Ct)));
        Assert.Contains("Nyckeln är återkallad", WebUtility.HtmlDecode(await official.GetStringAsync("/konto", Ct)));
    }

    [Theory]
    [InlineData(Demo.Auditor)]
    [InlineData(Demo.CommitteeMember)]
    public async Task Read_only_roles_see_no_form_to_change_a_partnership_or_its_agreement(string email)
    {
        var reader = await App.SignInAsync(email);
        var (id, agreement) = await App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title)
            .Select(p => new ValueTuple<Guid, Guid>(p.Id, p.AgreementId)).SingleAsync(Ct));
        foreach (var url in new[] { $"/partnerskap/{id}", $"/partnerskap/{id}/styrgrupp", $"/partnerskap/{id}/uppfoljning", $"/partnerskap/{id}/ekonomi",
                     $"/partnerskap/{id}/aktiviteter", $"/partnerskap/{id}/fornyelse", $"/overenskommelser/{agreement}" })
        {
            var html = await reader.GetStringAsync(url, Ct);
            var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
            Assert.DoesNotContain("<form", main, StringComparison.Ordinal); // the header's sign-out is outside main
            Assert.DoesNotMatch("<summary>(Ändra|Registrera|Ny |Bifoga)", main);
        }
    }

    [Fact]
    public async Task The_auditor_reads_one_figure_per_year_the_agreement_in_force_on_the_case_the_frames_and_the_partnership()
    {
        var running = await App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title)
            .Select(p => new { p.Id, p.TermStart, p.MunicipalityId }).SingleAsync(Ct));
        var caseId = await App.WithDbAsync(db => db.Cases.Where(c => c.Title == "Spontanidrott på Stenungsön").Select(c => c.Id).SingleAsync(Ct));
        var first = running.TermStart.Year;
        var auditor = await App.SignInAsync("revisor@stenungsund.example");

        // The case estimated 1 200 000 kr a year; the agreement pays 600 000 kr a year, and that is what the case shows as the municipality's money.
        var c = WebUtility.HtmlDecode(await auditor.GetStringAsync($"/arenden/{caseId}", Ct)).Replace('\u00A0', ' ');
        Assert.Contains("Kommunens pengar enligt överenskommelsen", c);
        Assert.Contains($"{first}: 600 000 kr, varav 600 000 kr utbetalt", c);
        Assert.Contains($"{first + 1}: 600 000 kr", c);
        Assert.Contains("ärendets uppskattning var 1 200 000 kr per år", c);

        // The frames count the same 600 000 kr in each year (not the estimate twice over), and say what each figure rests on.
        var frames = WebUtility.HtmlDecode(await auditor.GetStringAsync($"/kommuner/{running.MunicipalityId}/ramar", Ct)).Replace('\u00A0', ' ');
        foreach (var year in new[] { first, first + 1 })
        {
            Assert.Matches($@"<td data-label=""Nämnd"">Kommunstyrelsen</td>\s*<td data-label=""År"">{year}</td>\s*<td data-label=""Ram"" class=""num"">3 000 000 kr</td>\s*<td data-label=""Bundet"" class=""num"">600 000 kr</td>", frames);
        }

        Assert.Matches($@"<td data-label=""År"">{first + 1}</td>\s*<td data-label=""Nämnd"">Kommunstyrelsen</td>\s*<td data-label=""Ärende""><a href=""/partnerskap/{running.Id}"">Spontanidrott på Stenungsön</a></td>\s*<td data-label=""Bundet"" class=""num"">600 000 kr</td>\s*<td data-label=""Utbetalt"" class=""num"">0 kr</td>\s*<td data-label=""Enligt"">överenskommelsen</td>", frames);

        var money = WebUtility.HtmlDecode(await auditor.GetStringAsync($"/partnerskap/{running.Id}/ekonomi", Ct)).Replace('\u00A0', ' ');
        Assert.Matches($@"<td data-label=""År"">{first}</td>\s*<td data-label=""Bundet"" class=""num"">600 000 kr</td>\s*<td data-label=""Varav bidrag enligt planen"" class=""num"">600 000 kr</td>\s*<td data-label=""Utbetalt"" class=""num"">600 000 kr</td>", money);
    }

    [Fact]
    public async Task A_payment_that_waits_for_a_follow_up_says_so_is_not_offered_and_the_organisation_learns_which_report_unlocks_it()
    {
        var running = await App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title)
            .Select(p => new { p.Id, p.TermStart }).SingleAsync(Ct));
        var first = running.TermStart.Year;
        var money = await (await App.SignInAsync(Demo.Official)).GetStringAsync($"/partnerskap/{running.Id}/ekonomi", Ct);
        Assert.Contains($"När årsuppföljningen för {first} är godkänd", money); // not a due date it cannot keep
        Assert.Contains("Ingen utbetalning kan göras nu", money);
        Assert.DoesNotContain("Markera en utbetalning som gjord", money);

        App.Clock.Set(new DateTimeOffset(first + 1, 2, 1, 9, 0, 0, TimeSpan.Zero));
        var start = await (await App.SignInAsync("kansli@stenungsundsif.example")).GetStringAsync("/", Ct);
        Assert.Contains($"Årsuppföljningen för {first} ska lämnas senast", start);
        Assert.Contains($"När den är godkänd kan 600&#xA0;000&#xA0;kr för {first + 1} betalas ut.", start);
        var official = await (await App.SignInAsync(Demo.Official)).GetStringAsync("/", Ct);
        Assert.Contains($"Utbetalning {first + 1} (600&#xA0;000&#xA0;kr) kan göras när årsuppföljningen för {first} är godkänd", official);
        Assert.DoesNotContain($"Försenat: Utbetalning {first + 1}", official); // not late before the report is due
    }

    [Fact]
    public async Task Each_due_item_links_to_the_form_that_resolves_it_and_an_earlier_quarter_can_be_completed()
    {
        var id = await App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == Samverka.Web.Infrastructure.Seeding.DemoPartnerships.Title).Select(p => p.Id).SingleAsync(Ct));
        var today = Domain.Formatting.Swedish.Today(App.Clock);
        var owed = await App.WithDbAsync(db => db.Obligations.Where(o => o.PartnershipId == id && o.Kind == Domain.Partnerships.DueKind.QuarterlyFollowUp
            && o.Audience == Domain.Partnerships.Audience.Partnership && o.ShowFrom <= today && o.HideAfter >= today).OrderBy(o => o.By).Select(o => o.Key).FirstAsync(Ct));
        var (year, quarter) = (owed.Split(':')[1], owed.Split(':')[2]);
        var link = $"/partnerskap/{id}/uppfoljning?kvartal={year}-{quarter}#kvartal";

        var official = await App.SignInAsync(Demo.Official);
        Assert.Contains($"href=\"{link}\"", await official.GetStringAsync("/", Ct)); // the start page opens that quarter's form
        Assert.Contains($"href=\"{link}\"", await official.GetStringAsync($"/partnerskap/{id}", Ct)); // so does the overview
        var page = await official.GetStringAsync(link.Split('#')[0], Ct);
        Assert.Contains($"<summary>Kvartalsuppföljning kvartal {quarter} {year}</summary>", page);
        Assert.Contains($"name=\"Quarter.Quarter\" value=\"{quarter}\"", page);
        Assert.DoesNotContain("inte presenterad för både", page);

        // The organisation sees the steering group's quarterly reports as information, not as its own to do.
        var rep = await (await App.SignInAsync("kansli@stenungsundsif.example")).GetStringAsync("/", Ct);
        var mine = rep[rep.IndexOf("<h2>Väntar på mig</h2>", StringComparison.Ordinal)..];
        mine = mine[..mine.IndexOf("<h2>", 5, StringComparison.Ordinal)];
        Assert.DoesNotContain("Kvartalsuppföljning", mine);
        Assert.Contains("<h2>I era partnerskap</h2>", rep);
    }

    [Fact]
    public async Task A_valid_form_registers_the_organisation_and_audits_it()
    {
        var client = await App.SignInAsync(Demo.Official);
        var response = await client.PostFormAsync("/organisationer/ny",
            ("Input.OrgNumber", "8024987656"), ("Input.Name", "Ängsö Hembygdsförening"), ("Input.LegalForm", "NonProfitAssociation"),
            ("Input.PostalCode", "44491"), ("Input.MemberCount", "85"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await client.GetStringAsync(response.Headers.Location!.OriginalString, Ct);
        Assert.Contains("Ängsö Hembygdsförening är registrerad", details);
        Assert.Contains("802498-7656", details);
        Assert.Contains("444 91", details);
        var id = await App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == "802498-7656").Select(o => o.Id).SingleAsync(Ct));
        var history = await client.GetStringAsync($"/historik/Organisation/{id}", Ct);
        Assert.Contains("Henrik Handläggare", history);
        Assert.Contains("Skapad", history);
        Assert.Contains("Associationsform", history); // labels and values in Swedish, not property and enum names
        Assert.Contains("Ideell förening", history);
        Assert.DoesNotContain("NonProfitAssociation", history);
    }

    [Fact]
    public async Task A_stale_form_shows_the_other_persons_change_and_keeps_the_typed_input()
    {
        var client = await App.SignInAsync(Demo.TimraOfficial); // Timrå has a case with Söråker
        var id = await App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == Demo.Soraker).Select(o => o.Id).SingleAsync(Ct));
        var form = await client.GetStringAsync($"/organisationer/{id}/redigera", Ct);
        Assert.Contains("value=\"Söråkers Folketshusförening\"", form); // the stored values fill the form
        Assert.Contains("value=\"860 33\"", form);
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Input.Version\" value=\"([^\"]+)\"").Groups[1].Value;

        // Meanwhile the organisation's chair changes the name through the API.
        var chair = await App.ApiAsync(Demo.OrganisationRep);
        var current = await (await chair.GetAsync($"/api/v1/organisations/{id}", Ct)).ReadAsync<OrganisationDto>();
        Assert.Equal(HttpStatusCode.OK, (await chair.PutAsJsonAsync($"/api/v1/organisations/{id}", new
        {
            name = "Söråkers Folkets Husförening", legalForm = current.LegalForm, version = current.Version,
        }, Ct)).StatusCode);

        var stale = await client.PostFormAsync($"/organisationer/{id}/redigera",
            ("Input.Version", version), ("Input.Name", "Söråkers Folketshus"), ("Input.LegalForm", "NonProfitAssociation"), ("Input.City", "Söråker"),
            ("Input.Email", "handlaggarens@val.example"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync(Ct);
        Assert.Contains("ändrades av Åsa Öberg", html);
        Assert.Contains("Söråkers Folkets Husförening", html);
        Assert.Contains("value=\"handlaggarens@val.example\"", html);
        Assert.Contains("802011-2341", html); // the number, not posted, is still shown
        Assert.Equal("Söråkers Folkets Husförening", await App.WithDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(Ct)));

        // Saving again after seeing the other change is a deliberate overwrite, and succeeds.
        var newVersion = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Version\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEqual(version, newVersion);
        var again = await client.PostFormAsync($"/organisationer/{id}/redigera",
            ("Input.Version", newVersion), ("Input.Name", "Söråkers Folketshus"), ("Input.LegalForm", "NonProfitAssociation"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task The_board_and_contacts_are_edited_in_rows_and_a_half_filled_row_is_refused_without_losing_the_others()
    {
        var chair = await App.SignInAsync(Demo.OrganisationRep);
        var id = await App.WithDbAsync(db => db.Organisations.Where(o => o.OrgNumber == Demo.Soraker).Select(o => o.Id).SingleAsync(Ct));
        var form = await chair.GetStringAsync($"/organisationer/{id}/redigera", Ct);
        Assert.Contains("value=\"Per Persson\"", form);
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Input.Version\" value=\"([^\"]+)\"").Groups[1].Value;
        (string, string)[] Fields(string newPosition) =>
        [
            ("Input.Version", version), ("Input.Name", "Söråkers Folketshusförening"), ("Input.LegalForm", "NonProfitAssociation"),
            ("Input.Board[0].Name", "Åsa Öberg"), ("Input.Board[0].Position", "Ordförande"),
            ("Input.Board[1].Name", "Karl Kvist"), ("Input.Board[1].Position", newPosition), ("Input.Board[1].ElectedUntil", "2027-03-31"),
            ("Input.Board[2].Name", ""), ("Input.Board[2].Position", ""),
            ("Input.Contacts[0].Name", "Åsa Öberg"), ("Input.Contacts[0].Email", "ordforande@soraker.example"),
        ];

        var refused = await chair.PostFormAsync($"/organisationer/{id}/redigera", Fields(""));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Ange uppdraget", html);
        Assert.Contains("id=\"Input_Board_1__Position-error\"", html);
        Assert.Contains("value=\"Karl Kvist\"", html);
        Assert.Equal(4, (await App.WithDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Board).SingleAsync(Ct))).Count);

        var saved = await chair.PostFormAsync($"/organisationer/{id}/redigera", Fields("Kassör"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var details = await chair.GetStringAsync($"/organisationer/{id}", Ct);
        Assert.Contains("Karl Kvist", details);
        Assert.Contains("2027-03-31", details);
        Assert.DoesNotContain("Nils Nord", details);

        // The API keeps the board when a client leaves it out.
        var api = await App.ApiAsync(Demo.OrganisationRep);
        var current = await (await api.GetAsync($"/api/v1/organisations/{id}", Ct)).ReadAsync<OrganisationDto>();
        var updated = await (await api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name = current.Name, legalForm = current.LegalForm, version = current.Version }, Ct))
            .ReadAsync<OrganisationDto>();
        Assert.Equal(["Åsa Öberg", "Karl Kvist"], updated.Board.Select(b => b.Name));
    }

    [Theory]
    [InlineData("söråker", true)]
    [InlineData("SÖRÅKERS FOLKETS", true)]
    [InlineData("8020112341", true)]
    [InlineData("802011-2341", true)]
    [InlineData("%", false)]
    [InlineData("s_r", false)]
    public async Task The_registry_search_ignores_case_with_å_ä_ö_finds_numbers_with_or_without_hyphen_and_takes_wildcards_literally(string term, bool found)
    {
        var api = await App.ApiAsync(Demo.Official);
        var result = await (await api.GetAsync($"/api/v1/organisations?q={Uri.EscapeDataString(term)}", Ct)).ReadAsync<Page<OrganisationDto>>();
        Assert.Equal(found, result.Items.Any(o => o.OrgNumber == Demo.Soraker));
    }

    [Fact]
    public async Task Long_lists_are_paged_and_the_search_term_stays_in_the_page_links()
    {
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 30; i++)
            {
                var nine = (802600000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var number = Samverka.Domain.Organisations.OrgNumber.Parse(nine + Samverka.Domain.Organisations.OrgNumber.LuhnCheckDigit(nine));
                db.Organisations.Add(new Samverka.Domain.Organisations.Organisation(number, $"Hembygdsförening {i:00}", Samverka.Domain.Organisations.LegalForm.NonProfitAssociation));
            }

            await db.SaveChangesAsync(Ct);
        });
        var client = await App.SignInAsync(Demo.Official);
        var first = await client.GetStringAsync("/organisationer?q=Hembygd", Ct);
        Assert.Contains("30 organisationer som matchar ”Hembygd”", first);
        Assert.Contains("Sida 1 av 2", first);
        Assert.Contains("href=\"?q=Hembygd&amp;sida=2\"", first);
        Assert.Contains("Hembygdsförening 24", first);
        Assert.DoesNotContain("Hembygdsförening 25", first);
        var second = await client.GetStringAsync("/organisationer?q=Hembygd&sida=2", Ct);
        Assert.Contains("Hembygdsförening 29", second);
        Assert.DoesNotContain("Hembygdsförening 24", second);
    }

    [Fact]
    public async Task A_representative_registering_someone_elses_organisation_through_the_form_is_forbidden_not_a_crash()
    {
        var chair = await App.SignInAsync(Demo.OrganisationRep);
        var response = await chair.PostFormAsync("/organisationer/ny",
            ("Input.OrgNumber", "802498-7656"), ("Input.Name", "Främmande förening"), ("Input.LegalForm", "NonProfitAssociation"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/atkomst-nekad", response.Headers.Location!.ToString());
        Assert.False(await App.WithDbAsync(db => db.Organisations.AnyAsync(o => o.OrgNumber == "802498-7656", Ct)));
    }

    [Fact]
    public async Task Forms_without_an_antiforgery_token_are_refused()
    {
        var client = await App.SignInAsync(Demo.Official);
        var response = await client.PostAsync("/organisationer/ny", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.OrgNumber"] = "802498-7656", ["Input.Name"] = "Utan token", ["Input.LegalForm"] = "NonProfitAssociation",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Not an empty answer: a Swedish page that says what to do.
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("hade formuläret gått ut", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
        Assert.False(await App.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == "Utan token", Ct)));

        // Every page validates by itself (Razor Pages' own filter): the sign-in form, and a signed-in account form.
        var empty = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = Demo.Official, ["Input.Password"] = "x", ["Input.Name"] = "Skript" });
        Assert.Equal(HttpStatusCode.BadRequest, (await App.Browser().PostAsync("/logga-in", empty, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/konto", empty, Ct)).StatusCode);
    }

    [Fact]
    public async Task Missing_and_forbidden_pages_answer_in_Swedish()
    {
        var client = await App.SignInAsync(Demo.Official);
        var missing = await client.GetAsync("/finns-inte", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Sidan finns inte", await missing.Content.ReadAsStringAsync(Ct));

        var forbidden = await client.GetAsync("/kommuner/ny", Ct);
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.StartsWith("http://localhost/atkomst-nekad", forbidden.Headers.Location!.ToString());
        var denied = await client.GetAsync("/atkomst-nekad", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Ingen behörighet", await denied.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Security_headers_are_on_every_response()
    {
        var anonymous = await App.Browser().GetAsync("/", Ct);
        var csp = string.Join(";", anonymous.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
        Assert.Equal("nosniff", anonymous.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", anonymous.Headers.GetValues("Referrer-Policy").Single());

        var signedIn = await (await App.SignInAsync(Demo.Official)).GetAsync("/organisationer", Ct);
        Assert.Contains("no-store", signedIn.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_accessibility_statement_follows_the_DOS_law_model_and_is_linked_from_every_page()
    {
        var client = App.Browser();
        var statement = await client.GetStringAsync("/tillganglighet", Ct);
        Assert.Contains("Tillgänglighetsredogörelse", statement);
        Assert.Contains("delvis förenlig", statement);
        Assert.Contains("Rapportera brister", statement);
        Assert.Contains("digg.se", statement);
        foreach (var page in new[] { "/", "/logga-in", "/finns-inte" })
        {
            var response = await client.GetAsync(page, Ct);
            Assert.Contains("href=\"/tillganglighet\"", await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task Health_and_API_description_are_served()
    {
        var client = App.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health", Ct));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready", Ct));
        var openApi = await client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/organisations", openApi);
        var docs = await client.GetStringAsync("/api/docs", Ct);
        Assert.Contains("src=\"/api/reference/scalar.js\"", docs);
        Assert.DoesNotContain("https://", docs.Split("<noscript>")[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reference/scalar.js", Ct)).StatusCode);
        var noRedirect = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var reference in new[] { "/api/reference", "/api/reference/" })
        {
            var moved = await noRedirect.GetAsync(reference, Ct);
            Assert.Equal((HttpStatusCode.Redirect, "/api/docs"), (moved.StatusCode, moved.Headers.Location?.OriginalString));
        }
    }

    [Fact]
    public async Task Data_protection_keys_live_in_the_database_for_all_instances()
    {
        await App.SignInAsync(Demo.Official);
        Assert.True(await App.WithDbAsync(db => db.DataProtectionKeys.AnyAsync(Ct)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePageTests(SqliteApp app) : PageTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPageTests(PostgresApp app) : PageTests<PostgresApp>(app);
