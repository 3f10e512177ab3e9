id	user_id	name	language	location	meta	courseware	gender	mailing_address	year_of_birth	level_of_education	goals	allow_certificate	country	city	bio	profile_image_uploaded_at
5	7	Stina Staff	English			course.xml	f	NULL	1984	p		1	SE	Göteborg	NULL	NULL
11	1001	Alva Berg	Português	home		course.xml	m	Vasagatan 3\nGöteborg	2003	hs		1	SE	Göteborg		NULL
12	1002	Noah Lindqvist		Between "Lund" and Malmö? Mostly Lund		course.xml		51 Example Road	NULL	a	Learn SQL\tand R	1	BR	Recife	Hello!	2025-09-27 15:22:07
13	1003	Maja Okafor		Sweden	{"old_names": []}	course.xml	f	NULL	1970	other	Keep notes in C:\\data\\notes	1			NULL	NULL
14	1004	Liam Tanaka	Deutsch		{"old_names": []}	course.xml	o	NULL	2002	other		1	SE	Stockholm	NULL	NULL
15	1005	Okafor, Chidi	Deutsch		{"old_emails": []}	course.xml	NULL	73 Example Road	1965	b		1	GB	Leeds	Hello!	2025-08-18 00:28:56
16	1006	Anna "Ann" Moreau	Português		{"old_names": [["Anna \\"Annie\\" Moreau", "typo", "2025-10-02T09:14:03.118204+00:00"]]}	course.xml	m	NULL	NULL	hs	NULL	1			NULL	2024-10-02 14:17:08
17	1007	Felix Lindqvist			{"old_names": []}	course.xml	NULL	NULL	1963		Upskill for work	1				NULL
18	1008	Jonas Kim			{"old_emails": []}	course.xml		NULL	NULL	m	Upskill for work	1	JP	Osaka	Data nerd.\r\nLikes maps.	NULL
19	1009	Noah Tanaka	Swedish		{"old_emails": []}	course.xml	o	3 Example Road	1966	p	NULL	1	NULL			NULL
20	1010	Erik Rossi	Swedish	home	{"old_emails": []}	course.xml	f	13 Example Road	1967			1	SE	Göteborg	NULL	NULL
21	1011	Ravi Kim	English		{"old_emails": []}	course.xml	NULL	NULL	1974	jhs	Upskill for work	1			Hello!	NULL
22	1012	Maja Moreau	English		{"old_names": []}	course.xml	m	NULL	1967		NULL	1	IN			NULL
23	1013	Lucas Lindqvist		home		course.xml	m	NULL	NULL	b	Upskill for work	1	NULL	NULL	Hello!	NULL
24	1014	Ines Patel	English			course.xml		NULL	1996			1	DE			NULL
25	1015	Zoë Nguyen	Swedish			course.xml	f	NULL	1995	jhs	Upskill for work	1	JP	Osaka	NULL	NULL
26	1016	Felix Nguyen				course.xml	m	96 Example Road	1997	jhs	NULL	1	GB	Leeds	NULL	2024-08-07 06:14:10
27	1017	Aiko Moreau	Português		{"old_names": []}	course.xml	f	NULL	1992	hs	Upskill for work	1	US			NULL
28	1018	Tomas Andersson	Deutsch			course.xml	m	NULL	1969	none	NULL	1	JP	Osaka	NULL	2024-11-04 23:05:06
29	1019	Hugo Andersson	Português	home		course.xml	f	NULL	1962	other	Curiosity	1	NG	Lagos	Hello!	2025-08-24 14:30:59
30	1020	Amara Rossi	Swedish			course.xml		NULL	1976		Curiosity	1	FR		Hello!	NULL
