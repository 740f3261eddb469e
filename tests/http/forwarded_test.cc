// Who the client is behind a reverse proxy: the pure functions under the server's
// transport (proxy_test.cc drives the same rules through real connections).
#include "http/forwarded.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lookout::http {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NormalisedAddress, KeepsIpv4AndIpv6InTheirUsualSpelling) {
  EXPECT_EQ(NormalisedAddress("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(NormalisedAddress("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(NormalisedAddress("2001:0DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(NormalisedAddress("::1"), "::1");
}

TEST(NormalisedAddress, NamesAnIpv4MappedAddressByItsIpv4Address) {
  EXPECT_EQ(NormalisedAddress("::ffff:127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(NormalisedAddress("::FFFF:10.0.0.5"), "10.0.0.5");
}

TEST(NormalisedAddress, RefusesWhatIsNotAnAddress) {
  EXPECT_EQ(NormalisedAddress(""), std::nullopt);
  EXPECT_EQ(NormalisedAddress("localhost"), std::nullopt);
  EXPECT_EQ(NormalisedAddress("203.0.113"), std::nullopt);
  EXPECT_EQ(NormalisedAddress("203.0.113.7:80"), std::nullopt);
  EXPECT_EQ(NormalisedAddress("999.0.0.1"), std::nullopt);
  EXPECT_EQ(NormalisedAddress(" 203.0.113.7"), std::nullopt);
  EXPECT_EQ(NormalisedAddress("2001:db8::1::2"), std::nullopt);
}

TEST(LastListItem, TakesTheItemAfterTheLastCommaTrimmed) {
  EXPECT_EQ(LastListItem("a, b,\t c \t"), "c");
  EXPECT_EQ(LastListItem("  only  "), "only");
  EXPECT_EQ(LastListItem("a,"), "");
  EXPECT_EQ(LastListItem(""), "");
}

TEST(ForwardedAddress, AcceptsAddressesWithAndWithoutPorts) {
  EXPECT_EQ(ForwardedAddress("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(ForwardedAddress("203.0.113.7:4711"), "203.0.113.7");
  EXPECT_EQ(ForwardedAddress("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(ForwardedAddress("[2001:db8::1]:4711"), "2001:db8::1");
  EXPECT_EQ(ForwardedAddress("[2001:db8::1]"), "2001:db8::1");
  EXPECT_EQ(ForwardedAddress("[::ffff:198.51.100.2]:80"), "198.51.100.2");
  EXPECT_EQ(ForwardedAddress("::ffff:198.51.100.2"), "198.51.100.2");
}

TEST(ForwardedAddress, RefusesGarbage) {
  EXPECT_EQ(ForwardedAddress(""), std::nullopt);
  EXPECT_EQ(ForwardedAddress("unknown"), std::nullopt);
  EXPECT_EQ(ForwardedAddress("_hidden"), std::nullopt);
  EXPECT_EQ(ForwardedAddress("[2001:db8::1"), std::nullopt);
  EXPECT_EQ(ForwardedAddress("[]"), std::nullopt);
  EXPECT_EQ(ForwardedAddress("203.0.113.7:"), "203.0.113.7");
  EXPECT_EQ(ForwardedAddress(":4711"), std::nullopt);
  EXPECT_EQ(ForwardedAddress("<script>"), std::nullopt);
}

TEST(ResolveClient, AnUntrustedPeerIsTheClientWhateverItSays) {
  ForwardedClient client =
      ResolveClient("198.51.100.9", false, /*peer_is_trusted=*/false, "203.0.113.7", "https");
  EXPECT_EQ(client.remote_address, "198.51.100.9");
  EXPECT_FALSE(client.secure);
  EXPECT_TRUE(ResolveClient("198.51.100.9", true, false, "", "http").secure);
}

TEST(ResolveClient, TakesTheLastAddressOfSeveralProxies) {
  // The client wrote the first two; the trusted proxy appended the last.
  ForwardedClient client =
      ResolveClient("127.0.0.1", false, true, "1.1.1.1, 10.9.9.9,203.0.113.7", "");
  EXPECT_EQ(client.remote_address, "203.0.113.7");
  EXPECT_FALSE(client.secure);
}

TEST(ResolveClient, ReadsIpv6AndMappedAddresses) {
  EXPECT_EQ(ResolveClient("::1", false, true, "[2001:db8::7]:55000", "").remote_address,
            "2001:db8::7");
  EXPECT_EQ(ResolveClient("::1", false, true, "2001:db8::1, ::ffff:203.0.113.7", "").remote_address,
            "203.0.113.7");
}

TEST(ResolveClient, KeepsThePeerWhenTheLastAddressIsGarbage) {
  EXPECT_EQ(ResolveClient("127.0.0.1", false, true, "203.0.113.7, unknown", "").remote_address,
            "127.0.0.1");
  EXPECT_EQ(ResolveClient("127.0.0.1", false, true, "203.0.113.7,", "").remote_address,
            "127.0.0.1");
  EXPECT_EQ(ResolveClient("127.0.0.1", false, true, "", "").remote_address, "127.0.0.1");
}

TEST(ResolveClient, FollowsTheLastForwardedProto) {
  EXPECT_TRUE(ResolveClient("127.0.0.1", false, true, "", "HTTPS").secure);
  EXPECT_TRUE(ResolveClient("127.0.0.1", false, true, "", "http, https").secure);
  EXPECT_FALSE(ResolveClient("127.0.0.1", true, true, "", "https, http").secure);
  EXPECT_FALSE(ResolveClient("127.0.0.1", true, true, "", "garbage").secure);
  // Without the header the proxy's own connection decides.
  EXPECT_TRUE(ResolveClient("127.0.0.1", true, true, "203.0.113.7", "").secure);
}

TEST(TrustedProxyAddresses, NormalisesTrimsAndReportsBadItems) {
  std::vector<FieldError> errors;
  EXPECT_THAT(TrustedProxyAddresses({" 127.0.0.1", "::1 ", "::ffff:10.0.0.5"}, &errors),
              ElementsAre("127.0.0.1", "::1", "10.0.0.5"));
  EXPECT_THAT(errors, IsEmpty());
  EXPECT_THAT(TrustedProxyAddresses({"10.0.0.1", " proxy.local "}, &errors),
              ElementsAre("10.0.0.1"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "trusted_proxies");
  EXPECT_EQ(errors[0].message, "'proxy.local' is not an IP address");
}

}  // namespace
}  // namespace lookout::http
