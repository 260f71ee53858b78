#include "src/http/fake_transport.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

HttpRequest Get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  return r;
}

TEST(FakeTransportTest, QueueFirstThenHandlerThenInternal) {
  FakeTransport fake;
  EXPECT_EQ(fake.Send(Get("https://a/0")).status().code(), Code::kInternal);
  fake.PushResponse(201, "one", {{"X-N", "1"}});
  fake.Push(Status::Timeout("two"));
  fake.SetHandler([](const HttpRequest& r) -> Result<HttpResponse> {
    return HttpResponse{200, {}, "handled " + r.url};
  });
  auto a = fake.Send(Get("https://a/1"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->status, 201);
  EXPECT_EQ(a->body, "one");
  EXPECT_EQ(a->headers.Get("x-n"), "1");
  EXPECT_EQ(fake.Send(Get("https://a/2")).status().code(), Code::kTimeout);
  EXPECT_EQ(fake.Send(Get("https://a/3"))->body, "handled https://a/3");
  ASSERT_EQ(fake.request_count(), 4u);
  EXPECT_EQ(fake.requests()[2].url, "https://a/2");
}

TEST(FakeTransportTest, InternalErrorDoesNotLeakQuerySecrets) {
  FakeTransport fake;
  auto r = fake.Send(Get("https://a/x?token=tok-123"));
  EXPECT_EQ(r.status().message().find("tok-123"), std::string::npos);
}

}  // namespace
}  // namespace renumber
