#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "domain/rules.h"

namespace lookout::domain {
namespace {

using ::testing::IsEmpty;

// The single warning for `text`, or "" (with a test failure) when there is not exactly one.
std::string OnlyWarning(std::string_view text) {
  const auto warnings = ScreenFreeText(text);
  EXPECT_EQ(warnings.size(), 1u) << text;
  return warnings.size() == 1 ? warnings[0] : "";
}

bool Mentions(const std::string& warning, std::string_view what) {
  return warning.find(what) != std::string::npos;
}

// ---- Ordinary programme writing: no warning ---------------------------------------------------

TEST(ScreenFreeText, OrdinaryProgrammeProseRaisesNoWarning) {
  for (const char* text : {
           "Training for 30 BTP officers at Leicester coach station",
           "#LookCloser week 9-13 March 2020",
           "During the week 9-13 March 2020, the partnership ran a week of awareness-raising "
           "activities targeting train stations throughout the East Midlands.",
           "We delivered eight 'vulnerability roadshows' in Liverpool, Leeds, Birmingham and "
           "London during February and March 2020.",
           "Reached approximately 13,363 professionals, and 1,183 young people across England "
           "and Wales.",
           "Completed 371 tasks to prevent child sexual abuse and exploitation.",
           "Delivering training to Coach Station managers at the National Express (Leicester) "
           "and hotel staff (Northamptonshire).",
           "The Prevention Programme co-ordinated and developed the #LookCloser campaign in the "
           "East Midlands region with East Midlands Regional Organised Crime Unit (ROCU).",
           "Young people aged 14 to 17 from schools in the East Midlands attended.",
           "Students at Leicester College aged 16-18 took part in a workshop.",
           "Pupils in Year 9 aged 13 and 14 heard from BTP.",
           "A 15-year-old was seen at the station with older males.",
           "The programme was born out of a partnership meeting on 09/03/2019.",
           "46 out of 49 respondents (94%) agreed; 27 out of 31 who attended training.",
           "Custody suite review at BTP London on 12/03/2020, follow-up 2020-04-01.",
           "Grade [1BP]; legacy material graded B24. Task T-2026-0042 answers insight 118.",
           "For help call Childline on 0800 1111 or the NSPCC on 0808 800 5000.",
           "ONS police force area E23000032 covers Kent.",
           "Briefing on the National Referral Mechanism (NRM) and Modern Slavery Act 2015.",
           "Contact the team via the intranet page @BTP or #LookCloser.",
           "Around 30 officers responsible for leading the BTP's response to county lines.",
           "Quarter 3 figures: 1,204 professionals reached, 300 young people, 45 parents.",
           "Sessions ran from 10:30 to 12:00 on Tuesday 10 March 2020 at the M1 services.",
           "Officers engaged with daily commuters, cafe workers, coach drivers and hotel "
           "receptionists on the launch day.",
       }) {
    EXPECT_THAT(ScreenFreeText(text), IsEmpty()) << text;
  }
}

// ---- Dates of birth
// ------------------------------------------------------------------------------

TEST(ScreenFreeText, SpotsADateOfBirth) {
  for (const char* text :
       {"Young person DOB 12/03/2009 seen at the station.", "d.o.b. 12.03.2009",
        "D.O.B: 2009-03-12", "date of birth 12 March 2009", "She was born on 12/03/2009.",
        "born on the 12th of March 2009", "born in March 12, 2009",
        "12/03/2009 (born) in Leicester", "dob:3-4-09"}) {
    EXPECT_TRUE(Mentions(OnlyWarning(text), "date of birth")) << text;
  }
}

TEST(ScreenFreeText, DoesNotTakeOtherDatesForBirthDates) {
  for (const char* text : {"Session on 12/03/2020 at the station.", "DOB not recorded.",
                           "The campaign, born of the 2019 review, ran in March.",
                           "born in Leicester", "Reviewed 2026-03-09."}) {
    EXPECT_THAT(ScreenFreeText(text), IsEmpty()) << text;
  }
}

// ---- Ages next to names
// ----------------------------------------------------------------------------

TEST(ScreenFreeText, SpotsAnAgeNextToWhatMayBeAName) {
  for (const char* text : {"We spoke to Jessica, aged 14, at the coach station.",
                           "Staff were worried about Tom aged 15 and his friend.",
                           "Concerns about a 14-year-old Kayden seen with older males.",
                           "Officers met Amir (15 years old) at the station.",
                           "Seen with Leah 14yo near the services."}) {
    EXPECT_TRUE(Mentions(OnlyWarning(text), "age next to what may be a name")) << text;
  }
}

TEST(ScreenFreeText, AnAgeAloneOrBesideASentenceStartIsNotANameWarning) {
  for (const char* text :
       {"A girl aged 14 was seen at the station.", "Aged 14, she was seen.",
        "Children aged 12 attended.", "BTP aged 14 files",
        "Jessica. Aged 14 is the youngest age we saw.", "March aged 14 cohort"}) {
    EXPECT_THAT(ScreenFreeText(text), IsEmpty()) << text;
  }
}

// ---- Contact details and numbers
// -------------------------------------------------------------------

// How people write a child's first name with an age, and an address, in notes and case
// studies: each must warn. And writing that must not.
TEST(ScreenFreeText, SpotsAFirstNameWithABareAge) {
  for (const char* text : {
           "Tyler (14) was seen at the station with two older males.",
           "Staff recognised Tyler (14) from an earlier visit.",
           "Tyler, 14, from Leicester, was stopped by BTP.",
           "Officers spoke to Tyler, 14, who said he was travelling alone.",
           "Tyler, 14 was found at the coach station.",
           "The guard was worried about Tyler, 14.",
           "a girl, Amy aged 15, was with an adult who was not her parent",
           "James (14) was seen at the services again on Friday.",
           "A referral was made for Chloe (13) after the session.",
           "Staff called BTP about Jayden, 16, at the ticket office.",
       }) {
    const std::string w = OnlyWarning(text);
    EXPECT_TRUE(Mentions(w, "an age next to what may be a name")) << text << ": " << w;
  }
}

TEST(ScreenFreeText, SpotsAStreetAddress) {
  for (const char* text : {
           "The young person was staying at 12 High Street.",
           "Concerns about Flat 3, 45 Station Road, reported to the council.",
           "Visits to 221b Baker Street were reported.",
           "Cuckooing suspected at 7 Church Lane in the town centre.",
           "A house on 14 Meadow Close and a flat nearby.",
           "Seen going into 9 St Paul's Square late at night.",
           "The address given was 3 Victoria Rd.",
       }) {
    const std::string w = OnlyWarning(text);
    EXPECT_TRUE(Mentions(w, "a street address")) << text << ": " << w;
  }
}

TEST(ScreenFreeText, CountsSectionsRoutesAndTimesAreNeitherNamesWithAgesNorAddresses) {
  for (const char* text : {
           "14 professionals attended the briefing.",
           "Section 45 of the Modern Slavery Act gives victims a defence.",
           "Posters went up in the 3 High Street banks near the station.",
           "Year 9 pupils heard from BTP in Room 12.",
           "Staff on Route 66 buses were briefed.",
           "Sessions ran from 10:30 to 12:00 on 14 March 2026.",
           "Workshops (12) and briefings (4) were delivered this quarter.",
           "Roadshows in Liverpool (2), Leeds (2), Birmingham (2) and London (2).",
           "Professionals reached: Liverpool, 24; Leeds, 22; Birmingham, 25.",
           "In Leicester, 14 officers were trained.",
           "Figure (3) shows reach by quarter; Table (2) gives the sectors.",
           "We trained 12 Court staff and 30 hotel receptionists.",
           "Young people aged 14 to 17 attended a workshop in Room 4.",
           "On Tuesday, 14 officers joined the briefing at Station Road police station.",
       }) {
    EXPECT_THAT(ScreenFreeText(text), IsEmpty()) << text;
  }
}

TEST(ScreenFreeText, SpotsPhoneNumbers) {
  for (const char* text :
       {"Call 07700 900123 after school.", "mobile 07700900123", "Tel: +44 7700 900123",
        "ring +447700900123", "home phone 0116 496 0000", "(0116) 4960000", "020 7946 0000",
        "+44 (0)20 7946 0000", "07700-900-123"}) {
    EXPECT_TRUE(Mentions(OnlyWarning(text), "phone number")) << text;
  }
}

TEST(ScreenFreeText, SpotsEmailAddresses) {
  for (const char* text : {"Her email is j.smith99@example.com.", "contact: kid_01@mail.co.uk"}) {
    EXPECT_TRUE(Mentions(OnlyWarning(text), "email address")) << text;
  }
  EXPECT_THAT(ScreenFreeText("Follow @LookCloser and email the team."), IsEmpty());
}

TEST(ScreenFreeText, SpotsPostcodes) {
  for (const char* text : {"Lives near LE1 5XY.", "Seen at SW1A 1AA", "postcode M1 1AE",
                           "B33 8TH is the address", "address LE15XY"}) {
    EXPECT_TRUE(Mentions(OnlyWarning(text), "postcode")) << text;
  }
  for (const char* text : {"Junction M1 services", "Q3 2020 figures", "A1 road", "le1 5xy"}) {
    EXPECT_THAT(ScreenFreeText(text), IsEmpty()) << text;
  }
}

TEST(ScreenFreeText, SpotsNhsNumbers) {
  for (const char* text :
       {"NHS number 943 476 5919", "ref 9434765919 from the GP", "943-476-5919"}) {
    EXPECT_TRUE(Mentions(OnlyWarning(text), "NHS number")) << text;
  }
  for (const char* text : {"943 476 59190", "12345678901", "943 476 591"}) {
    EXPECT_THAT(ScreenFreeText(text), IsEmpty()) << text;
  }
}

TEST(ScreenFreeText, SpotsNationalInsuranceNumbers) {
  for (const char* text : {"NI AB123456C", "ni number ab123456c", "AB 12 34 56 C", "JT 123456 A"}) {
    EXPECT_TRUE(Mentions(OnlyWarning(text), "National Insurance number")) << text;
  }
  for (const char* text : {"AB123456", "AB123456E", "QQ123456C", "BG123456C", "AB1234567C",
                           "funded at 250000 a year", "ab 12 34 56 c"}) {
    EXPECT_THAT(ScreenFreeText(text), IsEmpty()) << text;
  }
}

// ---- The warnings themselves
// -------------------------------------------------------------------------

TEST(ScreenFreeText, WarnsOncePerKindAndNeverEchoesTheText) {
  const std::string text =
      "Seen with Jessica, aged 14, DOB 12/03/2011, call 07700 900123 or 07700 900456, "
      "jess@example.com, LE1 5XY, NHS 943 476 5919, NI AB123456C.";
  const auto warnings = ScreenFreeText(text);
  ASSERT_EQ(warnings.size(), 7u);
  for (const std::string& w : warnings) {
    for (const char* secret : {"Jessica", "12/03/2011", "07700", "jess@", "LE1", "943", "AB123"}) {
      EXPECT_EQ(w.find(secret), std::string::npos) << w;
    }
    EXPECT_TRUE(Mentions(w, "Lookout never needs it.")) << w;
  }
}

TEST(ScreenFreeText, PhoneWarningReadsAsASentence) {
  EXPECT_EQ(OnlyWarning("07700 900123"),
            "Looks like a phone number: remove it; Lookout never needs it.");
}

TEST(ScreenFreeText, HandlesEmptyAndVeryLongText) {
  EXPECT_THAT(ScreenFreeText(""), IsEmpty());
  std::string long_text;
  for (int i = 0; i < 2000; ++i) {
    long_text += "Officers from the British Transport Police engaged with staff at 12 stations. ";
  }
  EXPECT_THAT(ScreenFreeText(long_text), IsEmpty());
  long_text += "Call 07700 900123.";
  EXPECT_EQ(ScreenFreeText(long_text).size(), 1u);
}

TEST(ScreenFreeText, ToleratesRandomText) {
  std::mt19937 rng(11);
  const std::string alphabet = "0123456789 +()-/.@aAbBdDoOlLeE\n,";
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    const int n = std::uniform_int_distribution<int>(0, 40)(rng);
    for (int k = 0; k < n; ++k) {
      text += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    }
    for (const std::string& w : ScreenFreeText(text)) EXPECT_TRUE(Mentions(w, "Looks like "));
  }
}

TEST(ScreenFreeText, ToleratesAnyBytes) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  (void)ScreenFreeText(bytes + bytes);
  (void)ScreenFreeText("@");
  (void)ScreenFreeText("a@");
  (void)ScreenFreeText("+44");
  (void)ScreenFreeText("born");
  (void)ScreenFreeText("aged 1");
  SUCCEED();
}

}  // namespace
}  // namespace lookout::domain
