## 레이아웃과 내비게이션
skip-to-content = 본문으로 건너뛰기
nav-label = 주 메뉴
nav-cookie = 쿠키 방식
nav-session = 세션 방식
nav-register = 계정 만들기
nav-compare = 나란히 보기
nav-explain = 작동 원리
footer-served = 응답한 인스턴스: { $instance } · 세션 저장소: { $store }
footer-text = session-lab은 한 가지를 가르칩니다. 로그인 정보를 쿠키에 둘 때와 서버 쪽 세션에 둘 때 무엇이 달라지는지입니다. 쿠키 방식은 일부러 취약하게 만들었습니다.
back-home = 첫 화면으로
back-to-flow = 이 방식의 첫 화면으로

## 공통
login = 로그인
logout = 로그아웃
not-logged-in = 로그인하지 않은 상태입니다.
logged-in-as = { $user } 계정으로 로그인했습니다.
seconds = { $n }초
staff-link = 직원 전용 페이지에 들어가 보기
inspect-link = JSON으로 보기 (인스펙터)
field-username = 사용자 이름
field-password = 비밀번호
field-remember = 브라우저를 닫아도 로그인 유지
login-example = 기본 학생 계정으로 해 보세요. 사용자 이름 abc, 비밀번호 1234. 또는:

## 비밀번호를 받는 모든 폼에 붙는 경고
notice-title = 실제 비밀번호를 절대 입력하지 마세요.
notice-body = 이 앱은 교육용입니다. 쿠키 방식은 비밀번호를 평문 그대로 쿠키에 저장하므로, 페이지의 모든 스크립트와 브라우저를 만질 수 있는 사람, 암호화되지 않은 네트워크의 누구라도 읽을 수 있습니다.

## 브라우저가 보낸 것
sent-title = 이번 요청에 브라우저가 보낸 것
sent-bytes = 아래 Cookie 헤더는 { $bytes }바이트이며, 사이트의 이 영역으로 가는 모든 요청에 함께 실려 갑니다.
sent-nothing = 이번 요청에 브라우저는 쿠키를 보내지 않았습니다.

## 첫 화면
index-title = 쿠키일까 세션일까: 내 로그인은 어디에 있을까?
index-lead = 두 방식으로 한 번씩 로그인해 보고, 브라우저가 무엇을 들고 다니는지, 서버가 무엇을 보관하는지, 공격자가 각각으로 무엇을 할 수 있는지 비교해 보세요.
index-cookie-summary = 사용자 이름, 비밀번호, 역할이 쿠키 세 개에 그대로 적힙니다. 브라우저는 요청마다 이 쿠키를 보내고, 서버는 매번 비밀번호를 다시 확인합니다. 서버는 아무도 기억하지 않습니다.
index-session-summary = 서버는 비밀번호를 한 번만 확인하고 로그인 기록을 보관하며, 브라우저에는 페이지 스크립트가 읽을 수 없는 쿠키에 담긴 256비트 무작위 ID만 건넵니다.
index-open-flow = 이 방식 열기
index-try-title = 이렇게 해 보세요
index-try-1 = 쿠키 방식으로 로그인한 뒤 브라우저가 보낸 Cookie 헤더를 보세요. 비밀번호가 들어 있습니다.
index-try-2 = 세션 방식으로 로그인해 보세요. 쿠키는 그 자체로는 아무 의미 없는 무작위 ID 하나뿐입니다.
index-try-3 = 학생 계정으로 두 직원 전용 페이지를 열어 보세요. 한쪽은 쿠키가 주장하는 내용을 그대로 믿습니다.
index-try-4 = 각 방식에서 로그아웃한 뒤, 예전 쿠키의 사본이 아직 얼마나 쓸모 있을지 생각해 보세요.
index-accounts = 학생 계정 abc(비밀번호 1234)가 기본으로 있고, 강사 계정은 teacher입니다.
index-server-title = 이 서버
index-store = 세션 기록 저장 위치: { $store }

## 쿠키 방식
cookie-flow-name = 쿠키 방식: 인증 정보를 쿠키에
cookie-weak-label = 학습을 위해 일부러 안전하지 않게 만들었습니다
cookie-login-title = 로그인: 쿠키 방식
cookie-login-lead = 여기서 로그인하면 서버는 사용자 이름, 비밀번호, 역할을 평범한 쿠키 세 개에 넣습니다. 페이지 스크립트가 읽을 수 있고, 브라우저는 /cookie로 가는 모든 요청에 이 쿠키를 보냅니다.
cookie-remember-hint = 체크하지 않으면 쿠키에 만료 시각이 없어서 브라우저 세션이 끝날 때 사라집니다. 체크하면 30일짜리 Max-Age가 붙고, 서버는 그 쿠키를 되돌릴 방법이 없습니다.
cookie-home-verified = 서버는 당신에 대해 아무것도 기억하지 않았습니다. 이번 요청의 쿠키에서 사용자 이름과 비밀번호를 찾아, 저장된 해시와 방금 다시 비교했습니다. 요청마다 이렇게 합니다.
cookie-role-cookie = 역할 쿠키의 값
server-remembers = 서버가 보관하는 내 정보
cookie-server-remembers = 없습니다. 요청할 때마다 내가 누구인지 다시 증명해야 합니다.
cookie-logout-hint = 로그아웃은 브라우저에게 쿠키를 지워 달라고 부탁할 뿐입니다. 미리 쿠키를 복사해 둔 사람은 비밀번호가 바뀔 때까지 계속 당신으로 로그인할 수 있습니다.
cookie-rejected = 브라우저가 인증 정보를 보냈지만 일치하는 계정이 없어 로그인되지 않았습니다.
cookie-staff-why-in = 역할 쿠키가 instructor라고 말해서 들어왔습니다. 서버는 계정 저장소에 묻지 않고, 누구나 고칠 수 있는 쿠키를 그대로 믿었습니다.
cookie-staff-real-role = 계정 저장소에 따르면 { $user }의 실제 역할은 { $role }입니다.
cookie-staff-nobody = 로그인한 사람조차 없습니다. 역할 쿠키 하나만으로 문이 열렸습니다.
cookie-staff-hint = 이 페이지는 역할 쿠키를 믿습니다. 그 값을 바꾸면 어떻게 될까요?

## 세션 방식
session-flow-name = 세션 방식: 상태는 서버에
session-login-title = 로그인: 세션 방식
session-login-lead = 여기서 로그인하면 서버는 비밀번호를 한 번만 확인하고 로그인 기록을 저장한 뒤, 브라우저에 쿠키 하나를 보냅니다. HttpOnly가 붙은 무작위 ID라서 페이지 스크립트는 읽을 수 없습니다.
session-remember-hint = 체크하지 않으면 ID는 브라우저 세션이 끝날 때 사라지는 메모리 쿠키입니다. 체크하면 세션의 절대 만료 시각까지 Max-Age가 붙습니다. 어느 쪽이든 세션이 언제 끝날지는 서버가 정합니다.
session-home-found = 브라우저는 세션 ID 하나만 보냈습니다. 서버가 세션 저장소에서 그 ID를 찾아 이 기록을 꺼냈습니다.
session-role = 역할 (서버 기록에서 읽음)
session-fingerprint = 세션 지문 (ID 자체가 아님)
session-expires = 남은 시간
session-logout-hint = 로그아웃하면 서버의 기록이 삭제됩니다. 그 순간부터 예전 ID의 사본은 아무 쓸모가 없습니다.
session-rejected = 브라우저가 서버가 모르는 세션 ID를 보냈습니다. 만료되었거나, 취소되었거나, 발급된 적이 없는 ID입니다. 서버가 브라우저에게 이 ID를 지우라고 알렸습니다.
session-staff-why-in = 서버가 { $user }의 세션 기록에서 역할을 직접 읽었습니다. 쿠키를 고쳐도 바뀌지 않습니다.
session-staff-hint = 역할은 브라우저가 보내는 값이 아니라 서버의 기록에서 나옵니다.

## 직원 페이지
staff-title = 직원 전용
staff-welcome = 직원실에 오신 것을 환영합니다.
staff-students-only = 강사만 들어올 수 있습니다. 당신의 역할은 { $role }입니다.
staff-login-first = 먼저 로그인하세요.

## 회원 가입
register-title = 계정 만들기
register-lead = 새 학생 계정은 두 방식 모두에서 쓸 수 있습니다.
register-username-rule = 3~32자: 영문 소문자, 숫자, _ . -
register-password-rule = 4~64자. 버려도 되는 비밀번호를 쓰세요.
register-submit = 계정 만들기
register-created = { $user } 계정이 준비되었습니다. 어느 방식으로든 로그인해 보세요.

## 폼과 요청 오류
error-login-failed = 사용자 이름과 비밀번호가 일치하는 계정이 없습니다.
error-username-length = 사용자 이름은 3~32자입니다.
error-username-alphabet = 사용자 이름에는 영문 소문자 a-z, 숫자, 그리고 _ . - 만 쓸 수 있습니다.
error-password-length = 비밀번호는 4~64자입니다.
error-password-control = 비밀번호에 제어 문자를 넣을 수 없습니다.
error-username-taken = 이미 있는 사용자 이름입니다. 다른 이름을 고르세요.
error-accounts-full = 이 서버가 보관할 수 있는 계정 수가 꽉 찼습니다. 강사에게 문의하세요.
error-csrf-title = 폼이 만료됨
error-csrf = 이 폼에 현재 세션의 토큰이 없어서 거부되었습니다. 뒤로 가서 페이지를 새로 고친 뒤 다시 시도하세요.
error-400-title = 잘못된 요청
error-400 = 서버가 이 요청을 이해하지 못했습니다.
error-401-title = 로그인 필요
error-401 = 이 페이지는 먼저 로그인해야 볼 수 있습니다.
error-403-title = 권한 없음
error-403 = 로그인은 되어 있지만, 이 계정으로는 볼 수 없는 페이지입니다.
error-404-title = 페이지 없음
error-404 = 이 주소에는 페이지가 없습니다.
error-413-title = 요청이 너무 큼
error-413 = 요청이 이 서버가 받는 크기보다 큽니다. 이곳의 폼은 수백 바이트면 충분합니다.
error-422-title = 폼이 불완전함
error-422 = 폼의 일부 항목이 비었거나 읽을 수 없었습니다. 뒤로 가서 모든 항목을 채워 주세요.
error-4xx-title = 요청 거부됨
error-4xx = 서버가 이 요청을 거부했습니다.
error-500-title = 서버 오류
error-500 = 서버에서 문제가 생겼습니다. 기록해 두었으니 잠시 후 다시 시도해 주세요.
error-503-title = 서비스를 쓸 수 없음
error-503 = 지금은 세션 저장소를 쓸 수 없어서 로그인을 확인할 수 없습니다. 잠시 후 다시 시도해 주세요.

## 인스펙터
inspector-title = 인스펙터: 이 페이지가 실제로 주고받은 것
pane-sent = 브라우저가 보낸 것
pane-sent-bytes = 이번 요청의 Cookie 헤더: { $bytes }바이트. 브라우저는 사이트의 이 영역으로 가는 모든 요청마다 이것을 다시 보냅니다.
pane-sent-lab = inspector와 lang은 이 실습 앱 자체의 쿠키입니다(어느 브라우저인지, 어떤 언어를 골랐는지). 두 방식과는 관계없습니다.
pane-set = 서버가 설정한 것
pane-set-login = 이 방식에서 마지막으로 로그인했을 때 응답에 담긴 Set-Cookie 줄입니다. 모든 속성을 보낸 그대로 보여 줍니다.
pane-set-logout = 이 방식에서 마지막으로 로그아웃했을 때 응답에 담긴 Set-Cookie 줄입니다. Max-Age=0은 브라우저에게 쿠키를 지우라고 요청합니다.
pane-set-nothing = 아직 없습니다. 이 방식으로 로그인하거나 로그아웃하면 그 응답의 Set-Cookie 줄이 그대로 여기에 나타납니다.
pane-set-redacted = …로 표시한 값은 이 창을 위해 보관하지 않습니다. 서버가 비밀번호를 저장하거나, 페이지가 세션 ID를 스크립트가 읽을 수 있는 곳에 찍어 두는 것은 바로 이 실습이 경고하는 실수이기 때문입니다. 실제 값은 "브라우저가 보낸 것"에 있습니다.
pane-js = JavaScript가 읽을 수 있는 것
pane-js-empty = document.cookie가 비어 있습니다. 이 페이지의 어떤 스크립트도 쿠키를 읽을 수 없습니다.
pane-js-noscript = 이 창은 JavaScript가 필요합니다. 스크립트가 무엇을 읽을 수 있는지 보여 주는 창이기 때문입니다.
pane-js-cookie = 이 페이지의 어떤 스크립트든, 공격자가 몰래 넣은 스크립트까지도 이 값을 읽을 수 있습니다. HttpOnly가 붙은 쿠키가 하나도 없습니다.
pane-js-session = sid 쿠키에는 HttpOnly가 붙어 있습니다. 브라우저는 이 쿠키를 서버로 보내지만 모든 스크립트에게는 숨기므로 여기에 나타날 수 없습니다.
pane-stores = 서버가 보관하는 것
pane-stores-cookie-nothing = 없습니다. 이 서버는 요청과 요청 사이에 아무도 기억하지 않습니다.
pane-stores-cookie-verified = 바로 이번 요청에서 쿠키의 사용자 이름 { $user }와 비밀번호를 읽고, 저장된 Argon2id 해시와 비밀번호를 비교했습니다.
pane-stores-cookie-role = 역할 쿠키의 값은 { $role }입니다. 서버는 이 값을 계정과 대조한 적이 없습니다.
pane-stores-cookie-rejected = 쿠키의 인증 정보가 확인되지 않아 로그인되지 않았습니다.
pane-stores-created = 생성
pane-stores-last-seen = 마지막 활동
pane-stores-expires = 남은 시간
pane-stores-expired = 만료됨 (새로 고치면 서버도 같은 판단을 합니다)
pane-stores-key = 저장 키
pane-stores-timeouts = 세션은 마지막 요청 후 { $idle }초, 로그인 후 늦어도 { $absolute }초가 지나면 끝납니다. 세션을 사용하는 요청만 활동으로 칩니다. 이 카운트다운은 브라우저에서 돌아갑니다.
pane-stores-session-none = 이 브라우저의 세션 기록이 없습니다. 이 브라우저의 ID로 저장된 것이 없습니다.
seconds-ago = { $n }초 전

## /compare
compare-title = 두 방식을 나란히
compare-lead = 각 열은 완전한 하나의 방식입니다. 로그인하고, 둘러보고, 로그아웃해 보세요. 각 인스펙터가 무엇을 보여 주는지 살펴보고, 아래의 비교표도 확인하세요. 어느 쪽이든 바뀌면 비교표가 새로 고쳐집니다.
facts-title = 같은 질문, 방식별 답
facts-bytes = 요청마다 보내는 Cookie 헤더
facts-bytes-unit = 바이트
facts-password = 로그인 후 비밀번호가 있는 곳
facts-password-cookie = 브라우저의 쿠키 안. 모든 요청에 실려 가고, 페이지의 어떤 스크립트든 읽을 수 있습니다.
facts-password-session = 어디에도 없습니다. 서버는 해시와 한 번 비교했을 뿐이고, 오가는 것은 무작위 ID뿐입니다.
facts-js = JavaScript가 읽을 수 있는 것
facts-js-empty = 없음
facts-server = 서버가 나에 대해 보관하는 것
facts-server-nothing = 없음
facts-server-record = { $user }의 기록, { $s }초 후 만료
facts-logout = 로그아웃이 실제로 하는 일
facts-logout-cookie = 브라우저에게 쿠키를 지워 달라고 부탁합니다. 미리 만든 사본은 비밀번호가 바뀔 때까지 계속 통합니다.
facts-logout-session = 서버의 기록을 지웁니다. ID의 모든 사본이 그 즉시 쓸모없어집니다.
facts-hint = 숫자는 이 서버가 여러분의 브라우저에 보낸 실제 응답에서 나옵니다. 각 방식의 inspect 엔드포인트와 각 프레임의 document.cookie입니다.

## /explain
explain-title = 작동 원리와 그 대가
explain-lead = 같은 로그인을 두 가지 방식으로 보관합니다. 아래에서 각 방식을 단계별로 보고, 이 서버가 실제 요청에서 잰 숫자로 장단점을 비교하고, 원래 튜토리얼을 비롯해 여러 곳에서 되풀이되는 오해를 바로잡습니다.
explain-how-title = 단계별 흐름
lane-browser = 브라우저
lane-server = 서버
lane-store = 저장소
seq-cookie-1 = 브라우저가 로그인 폼을 전송합니다.
seq-cookie-2 = 서버가 계정을 찾아 비밀번호를 Argon2id 해시와 비교합니다.
seq-cookie-3 = 응답은 사용자 이름, 비밀번호, 역할을 쿠키 세 개에 담습니다(Set-Cookie 한 줄에 하나씩).
seq-cookie-4 = 이후 모든 요청이 쿠키 세 개를 다시 싣고 옵니다.
seq-cookie-5 = 서버는 아무것도 기억하지 않으므로 요청마다 비밀번호를 다시 확인합니다.
seq-cookie-6 = 페이지를 보냅니다. 역할은 클라이언트가 적어 보낸 역할 쿠키에서 나옵니다.
seq-session-1 = 브라우저가 로그인 폼을 전송합니다.
seq-session-2 = 서버가 비밀번호를 해시와 한 번 비교합니다.
seq-session-3 = 운영체제에서 256비트 난수를 받아 새 ID를 만들고, 그 아래에 기록(사용자, 역할, 시각)을 저장합니다. 브라우저가 이미 갖고 있던 ID는 재사용하지 않고 지웁니다.
seq-session-4 = 응답은 쿠키 하나를 설정합니다. HttpOnly, SameSite=Lax가 붙은 ID입니다. "로그인 유지"를 고르지 않으면 메모리 쿠키입니다.
seq-session-5 = 이후 모든 요청은 ID만 싣고 옵니다.
seq-session-6 = 서버는 ID로 기록을 찾고, 비활동 만료와 절대 만료를 확인하고, "마지막 활동"을 갱신한 뒤 그 사용자로 응답합니다.
explain-corrections-title = 튜토리얼의 여섯 단계 바로잡기
explain-correction-1 = 서버가 "기본으로" HttpOnly를 붙이지는 않습니다. Set-Cookie 줄에 HttpOnly가 적혀 있을 때만 그 쿠키가 HttpOnly가 됩니다(RFC 6265, 4.1.2.6절). 일부 프레임워크는 세션 쿠키에 붙여 주지만 보통의 set_cookie 호출은 그렇지 않습니다. 이 앱은 sid에는 붙이고, 쿠키 방식의 쿠키에는 일부러 붙이지 않습니다.
explain-correction-2 = 새 ID는 요청에 ID가 없을 때만이 아니라 로그인할 때마다 발급해야 합니다. 로그인 전에 알려진 ID(공격자가 심어 두었거나 훔친 ID)는 로그인과 함께 없어져야 합니다(OWASP: 권한이 바뀔 때마다 세션 ID를 새로 발급).
explain-correction-3 = 메모리 쿠키는 브라우저 세션이 끝날 때 사라지지만 서버의 기록은 남습니다. 비활동 만료나 절대 만료가 되거나 로그아웃으로 지울 때까지 살아 있습니다. 또 탭을 복원하는 브라우저는 메모리 쿠키를 며칠씩 간직하기도 합니다.
explain-table-title = 쿠키와 세션, 실제로 재어 보기
explain-table-lead = 튜토리얼의 비교표를 바로잡고 넓힌 것입니다. 앞쪽 행은 이 서버가 각 방식의 쿠키를 실은 요청에서 직접 잰 값입니다.
row-where = 로그인 정보가 있는 곳
row-where-cookie = 브라우저. 사용자 이름, 비밀번호, 역할을 담은 쿠키 세 개.
row-where-session = 서버의 { $store } 저장소. 브라우저는 무작위 ID만 갖고 있습니다.
row-bytes = 요청마다 오가는 것
row-bytes-last = (마지막 요청)
row-bytes-avg = ({ $n }개 요청의 평균)
row-no-data = 아직 잰 값이 없습니다. 이 방식으로 로그인해 페이지를 연 뒤 이 페이지를 새로 고치세요.
row-speed = 사용자를 알아보는 데 걸리는 시간
row-speed-cookie = (요청당 평균) 매번 Argon2id 비밀번호 검사 전체.
row-speed-session = (요청당 평균) 저장소 조회 한 번.
row-speed-ratio = 여기서는 쿠키 방식이 약 { $ratio }배 느립니다.
row-capacity = 용량
row-capacity-cookie = 브라우저는 쿠키 하나에 4096바이트, 사이트당 쿠키 50개까지만 보장하면 됩니다(RFC 6265, 6.1절). 그리고 모든 바이트가 모든 요청에 실려 갑니다.
row-capacity-session = 서버 저장소가 허락하는 만큼입니다. 이 앱의 메모리 저장소에서 세션 하나는 약 255바이트(cargo bench)이고, 네트워크로는 아무것도 더 오가지 않습니다.
row-security = 보안
row-security-cookie = 페이지의 어떤 스크립트든, 통신을 볼 수 있는 누구든 읽을 수 있고, 역할 쿠키는 그냥 고칠 수 있습니다. 비밀번호 자체가 드러납니다.
row-security-session = ID는 아무것도 드러내지 않고 추측할 수도 없으며(256비트 난수), HttpOnly가 스크립트로부터 지켜 줍니다. 하지만 ID를 가진 사람은 세션이 끝날 때까지 곧 당신입니다.
row-expiry = 수명
row-expiry-cookie = 브라우저가 정합니다. 브라우저를 닫을 때까지, 또는 Max-Age까지. 서버는 끝낼 수 없고, 사본은 만료되지 않습니다.
row-expiry-session = 서버가 정합니다. 쿠키가 뭐라고 하든 마지막 요청 후 { $idle }초, 로그인 후 늦어도 { $absolute }초입니다.
row-revocation = 무효화
row-revocation-cookie = 비밀번호를 바꾸지 않는 한 불가능합니다. 로그아웃은 브라우저에게 잊어 달라고 부탁할 뿐입니다.
row-revocation-session = 기록을 지우면 ID의 모든 사본이 즉시 거부됩니다(로그아웃 또는 관리자).
row-scaling = 서버가 여러 대일 때
row-scaling-cookie = 어느 서버든 쿠키를 검사할 수 있습니다. 계정 데이터베이스에 닿을 수 있고, 요청마다 비밀번호 해시 비용을 치를 수 있다면요.
row-scaling-session = 모든 서버가 세션 저장소(Redis, 데이터베이스)를 공유하거나, 로드 밸런서가 클라이언트를 늘 같은 서버로 보내야 합니다.
explain-table-measured = "사용자를 알아보는 데 걸리는 시간"은 이 서버에서 현재 저장소로, 비밀번호 검사나 저장소 조회 부분만 잰 값입니다. 두 방식으로 로그인해 조금 둘러본 뒤 새로 고치면 숫자가 움직입니다.
explain-proscons-title = 튜토리얼이 말한 세션의 장단점, 확인하기
explain-proscons-lead = 튜토리얼의 주장과, 실제로 맞는 부분입니다.
proscons-claim = 주장
proscons-verdict = 실제로는
claim-1 = 서버에 저장하기 때문에 관리가 편리하다.
verdict-1 = 맞습니다. 세션에 무엇을 담을지, 언제 끝낼지를 서버가 정하고, 언제든 끝낼 수 있습니다.
claim-2 = 어느 정도 보안을 유지할 수 있다.
verdict-2 = 신경 쓸 때만 그렇습니다. ID는 가진 사람이 주인인 토큰입니다. 충분한 난수, HttpOnly, HTTPS에서의 Secure, SameSite, 로그인 시 새 ID, 만료 시간이 모두 필요합니다. ID를 훔치면 로그인을 훔친 것입니다.
claim-3 = 웹 브라우저와 독립적으로 관리할 수 있다.
verdict-3 = 꼭 그렇지는 않습니다. 브라우저는 여전히 ID를 저장하고 보내야 하고, 대개 쿠키를 쓰므로 쿠키의 모든 규칙이 그대로 적용됩니다.
claim-4 = 세션의 저장 개수나 용량에 제약이 없다.
verdict-4 = 제약이 서버로 옮겨 갈 뿐입니다. 메모리, 디스크, Redis의 한계가 있고, 청소도 해야 합니다(이 앱은 만료된 세션을 주기적으로 지웁니다).
claim-5 = SessionID만 주고받으므로 네트워크에 거의 부담을 주지 않는다.
verdict-5 = 맞습니다. 위에서 잰 대로, 상태 전체 대신 ID 하나만 오갑니다.
claim-6 = 관리할 세션이 많아지면 서버에 부담이 될 수 있다.
verdict-6 = 맞고, 그 이상입니다. 서버가 여러 대면 저장소를 공유해야 하고, 그 저장소가 멈추면 아무도 로그인할 수 없습니다.
explain-myths-title = 흔한 오해
myth-permanent = "SESSION_PERMANENT가 True면 브라우저가 켜져 있는 동안 세션이 유효하고, False면 PERMANENT_SESSION_LIFETIME 뒤에 끝난다." (튜토리얼)
myth-permanent-fact = 반대입니다. 영구(permanent) 세션은 지금부터 PERMANENT_SESSION_LIFETIME 뒤를 만료 시각으로 하는 쿠키를 받으므로 브라우저를 닫아도 남습니다. 영구가 아닌 세션은 Expires도 Max-Age도 없는 메모리 쿠키를 받고, 브라우저 세션이 끝나면 사라집니다. Flask-Session에서는 어느 쪽이든 서버 쪽 기록도 PERMANENT_SESSION_LIFETIME 뒤에 만료됩니다.
myth-secure = "세션은 안전하고 쿠키는 위험하다."
myth-secure-fact = 세션 ID도 쿠키이고, 세션이 살아 있는 동안은 비밀번호만큼 값집니다. HttpOnly 없는 XSS, Secure 없는 암호화되지 않은 네트워크, 로그 파일, 공용 컴퓨터를 통해 ID를 훔친 사람은 당신으로 로그인한 것입니다. OWASP는 세션 ID를 세션에서 가장 중요한 비밀로 다룹니다.
myth-memory = "메모리 쿠키는 브라우저를 닫으면 사라진다."
myth-memory-fact = Expires나 Max-Age가 없는 쿠키는 브라우저 세션이 끝날 때까지 보관되지만(RFC 6265, 5.3절), 이전 세션을 복원하는 브라우저는 훨씬 오래 간직하기도 합니다(MDN). 로그아웃을 여기에 맡기지 말고 서버에서 세션을 끝내세요.
myth-httponly = "HttpOnly는 쿠키를 사용자와 네트워크로부터 숨긴다."
myth-httponly-fact = HttpOnly는 페이지의 스크립트(document.cookie)로부터만 쿠키를 지킵니다. 쿠키는 여전히 모든 요청에 실려 가므로, HTTPS 연결에 Secure 쿠키가 아니면 네트워크의 누구나 볼 수 있고, 사용자는 브라우저 도구에서 언제든 볼 수 있습니다.
explain-sources-title = 참고 자료
source-rfc = 쿠키 문법, 속성, 만료, 한계
source-mdn = 속성과 브라우저 동작
source-owasp = ID, 만료 시간, 재발급, 쿠키 속성
source-flask = SESSION_PERMANENT의 실제 의미

## /instructor
instructor-title = 강사 대시보드
instructor-lead = 이 서버의 { $store } 저장소에 있는 모든 활성 세션입니다. 이 화면은 프로젝터에 띄우는 용도라서 세션을 ID가 아니라 지문으로만 보여 줍니다.
instructor-only = 이 대시보드는 강사 세션만 쓸 수 있습니다. 당신의 세션 기록에는 학생이라고 적혀 있고, 어떤 쿠키로도 바꿀 수 없습니다.
instructor-sessions = 활성 세션 { $n }개
instructor-col-fingerprint = 지문
instructor-col-user = 사용자
instructor-col-role = 역할
instructor-col-instance = 인스턴스
instructor-yours = 내 세션
instructor-revoke = 무효화
instructor-none = 활성 세션이 없습니다.
instructor-fingerprint-hint = 지문은 ID를 일방향 해시한 값의 앞부분입니다. 세션을 구별할 수는 있지만 ID로 되돌릴 수는 없습니다. 무효화하면 기록이 지워지고, 그 ID로 오는 다음 요청은 거부됩니다.
instructor-revoked = 세션 { $n }개를 무효화했습니다.
instructor-revoke-user-title = 한 사용자의 모든 세션 무효화
instructor-revoke-user = 이 사용자의 세션 모두 무효화
instructor-revoke-all-title = 모든 세션 무효화
instructor-revoke-all-hint = 모든 학생이 세션 방식에서 한 번에 로그아웃됩니다. 이 페이지가 열려 있도록 당신의 세션은 남깁니다. 쿠키 방식은 아예 무효화할 수 없습니다. 서버에 지울 것이 없기 때문입니다.
instructor-revoke-all = 내 세션만 빼고 모두 무효화

## 보안 실습
nav-lab = 보안 실습
lab-title = 보안 실습
lab-lead = 스스로에게 시도해 볼 수 있는 공격입니다. 두 방식에 동시에 해 봅니다. 각 실습은 무엇을 할지, 각 방식에서 무엇이 보일지, 왜 그런지, 실제 시스템은 어떻게 막는지를 설명합니다. 공격자의 도구가 들어 있어서 두 번째 브라우저나 개발자 도구가 필요 없습니다.
lab-weak-label = 이 실습만을 위한, 일부러 위험하게 만든 도구입니다
lesson-do = 할 일
lesson-see = 보게 될 것
lesson-why = 왜 그런가
lesson-prevent = 실제 시스템은 이렇게 막습니다
lesson-refs = 참고 자료
tamper-title = 변조: 내 쿠키 고치기
tamper-summary = 역할 쿠키를 instructor로 바꾸고 어느 직원 페이지가 들여보내 주는지 보세요. 그다음 세션 ID를 고쳐서 다른 사람이 되어 보려고 해 보세요.
tamper-step-1 = 두 방식 모두에서 학생 abc로 로그인하세요(나란히 보기가 가장 빠릅니다).
tamper-step-2 = 쿠키 편집기에서 role과 instructor를 그대로 두고 설정을 누르세요. 아래 두 프레임이 다시 읽힙니다.
tamper-step-3 = 쿠키 방식의 직원 페이지는 들여보내 주고, 세션 방식의 직원 페이지는 그렇지 않습니다.
tamper-step-4 = 이번에는 sid를 고르고 아무 값이나 입력한 뒤 설정을 누르세요. 세션 방식을 열면 그냥 로그아웃되어 있습니다.
tamper-editor-title = 쿠키 편집기
tamper-editor-name = 쿠키
tamper-editor-value = 새 값
tamper-editor-set = 내 브라우저에 설정
tamper-editor-hint = 해당 방식과 같은 Path와 속성으로 쿠키를 써서 브라우저가 진짜 쿠키를 바꿔치기하게 합니다. 누구나 브라우저의 개발자 도구로 할 수 있는 일과 똑같습니다.
tamper-edited = 이제 브라우저에는 입력한 값의 { $name } 쿠키가 들어 있습니다.
tamper-see-cookie = 계정 저장소에 abc는 학생이라고 되어 있는데도 role=instructor이면 직원 페이지가 열립니다. 서버가 클라이언트가 쓴 값을 믿었기 때문입니다.
tamper-see-session = 직원 페이지는 계속 닫혀 있습니다. 역할은 서버에 있는 세션 기록에서 읽으므로 어떤 쿠키로도 바꿀 수 없습니다. 고친 sid는 어떤 세션도 가리키지 않으므로 로그아웃될 뿐입니다.
tamper-why = 쿠키는 클라이언트가 보내는 그대로입니다. 서버가 보호하지 않는 한 그 안의 어떤 것도 보호되지 않고, 평범한 역할 쿠키는 그냥 글자일 뿐입니다. 세션 방식은 추측할 수 없을 만큼 무작위인 ID 말고는 서버가 믿는 것을 하나도 보내지 않습니다.
tamper-prevent = 권한은 절대 클라이언트가 조작할 수 있는 데이터로 정하지 마세요. 역할은 서버(세션 기록이나 계정)에 두고, 상태를 꼭 클라이언트에 둬야 한다면 변경을 알아챌 수 있도록 서명하세요(Flask의 기본 세션이나 JWT 같은 서명된 쿠키 방식). 그래도 권한은 서버에서 다시 확인하세요.
tamper-ref-owasp = 세션 데이터는 서버에 두고, 권한 판단을 클라이언트에 맡기지 않기
hijack-title = 가로채기: 훔친 쿠키 다시 보내기
hijack-summary = 내 쿠키를 복사해 다른 "브라우저"의 공격자로서 다시 보내 보고, 로그아웃한 뒤 한 번 더 보내 보세요. 한 방식의 훔친 쿠키는 계속 통하고, 다른 방식의 것은 세션이 끝나는 순간 통하지 않습니다.
hijack-step-1 = 두 방식 모두에서 abc로 로그인하세요.
hijack-step-2 = 쿠키 방식: 쿠키 방식 페이지를 열고 "JavaScript가 읽을 수 있는 것" 창에 보이는 쿠키를 복사해(페이지의 어떤 스크립트든 할 수 있는 일입니다) 아래에 붙여 넣으세요. 다시 보내기를 누르세요.
hijack-step-3 = 세션 방식: 암호화되지 않은 네트워크를 엿보는 사람처럼 "내 세션 ID 엿보기"를 누르고, 다시 보내기를 누르세요. 두 번 모두 공격자가 abc로 로그인한 것으로 나옵니다.
hijack-step-4 = 두 방식 모두에서 로그아웃한 뒤 돌아와서 둘 다 다시 보내 보세요.
hijack-step-5 = 강사: 학생으로 다시 로그인해 엿본 뒤, 대시보드에서 그 세션을 무효화하세요. 다음 다시 보내기는 즉시 거부됩니다.
hijack-attacker-title = 공격자의 브라우저
hijack-paste = 훔친 Cookie 헤더 (쿠키 방식)
hijack-replay = 공격자로서 다시 보내기
hijack-steal = 내 세션 ID 엿보기
hijack-stolen = 공격자가 가진 것:
hijack-nothing-stolen = 공격자는 아직 아무것도 갖고 있지 않습니다. ID는 서버에만 보관하고 화면에는 보여 주지 않습니다. 여기에 찍으면 어떤 스크립트든 읽을 수 있기 때문입니다.
hijack-replayed = { $n }초 전에 다시 보냄:
hijack-attacker-in = 공격자가 { $user }(으)로 로그인했습니다.
hijack-attacker-staff = ...게다가 직원 전용 페이지까지 열립니다.
hijack-attacker-out = 거부됨: 공격자는 로그인하지 못했습니다.
hijack-see-cookie = 다시 보내기로 공격자가 로그인하고, 당신이 로그아웃한 뒤에도 계속 그렇습니다. 로그아웃은 브라우저에게 잊어 달라고 부탁했을 뿐이고, 훔친 쿠키 속 비밀번호는 바뀌기 전까지 유효하기 때문입니다.
hijack-see-session = 세션이 살아 있는 동안은 다시 보내기가 통하지만, 로그아웃하거나 만료되거나 강사가 무효화하는 순간 거부됩니다. 서버가 기록을 지우면 ID는 아무 의미가 없습니다.
hijack-why = 유효한 인증 정보를 내미는 사람이 곧 당신입니다. 비밀번호는 쿠키 방식의 모든 요청에 실려 다니고 저절로 만료되지 않습니다. 세션 ID는 서버가 수명을 쥐고 있는 임시 인증 정보입니다.
hijack-prevent = ID를 스크립트가 읽지 못하게 하고(HttpOnly), 암호화되지 않은 네트워크에 싣지 말고(HTTPS와 Secure), 세션을 짧게 유지하고(비활동 및 절대 만료), 로그아웃하면 지우고, 사용자와 관리자가 무효화할 수 있게 하고, 로그인할 때마다 새 ID를 발급하세요. 쿠키에 비밀번호를 넣지 마세요.
hijack-ref-owasp = 세션 만료, 로그아웃, HttpOnly와 Secure, ID 재발급
