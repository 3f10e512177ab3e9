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
31	1021	Oskar Berg		Sweden	{"old_names": []}	course.xml		NULL	2004	m		1				NULL
32	1022	Zara Lindqvist		Sweden	{"old_emails": []}	course.xml	f	23 Example Road	NULL		Upskill for work	1	US	Austin	Hello!	2024-12-22 06:27:38
33	1023	Diego Ivanova			{"old_names": []}	course.xml		84 Example Road	1989	b		1	NULL			NULL
34	1024	Oskar Håkansson	Português	Sweden		course.xml	m	3 Example Road	NULL	m		1	FR			NULL
35	1025	Björn Moreau	Português	Sweden		course.xml	m	NULL	1984	a	NULL	1			NULL	NULL
36	1026	Ravi Andersson	English		{"old_names": []}	course.xml	o	86 Example Road	1984	hs	NULL	1	US			NULL
37	1027	Hana Andersson		home		course.xml	o	NULL	1986	p		1	SE	Göteborg	NULL	NULL
38	1028	Felix Fischer	Swedish			course.xml	o	NULL	NULL	hs	NULL	1	JP	Osaka	Hello!	NULL
39	1029	Jonas Novak	Português	Sweden		course.xml	f	NULL	1996	other	NULL	1	JP	Osaka	NULL	NULL
40	1030	Freya Andersson	Português			course.xml	NULL	NULL	NULL	hs	Curiosity	1	NULL	NULL	Hello!	NULL
41	1031	Ravi Dubois	Português		{"old_names": []}	course.xml	f	NULL	1993	b	Upskill for work	1				NULL
42	1032	Émile Dubois	Deutsch	home		course.xml	m	NULL	1991	hs	NULL	1	DE			NULL
43	1033	Åsa Ekström			{"old_emails": []}	course.xml	o	NULL	1985	jhs		1	SE	Göteborg		NULL
44	1034	Diego Larsen	English	home	{"old_emails": []}	course.xml	m	NULL	1990	m	Upskill for work	1	IN	Pune	NULL	NULL
45	1035	Freya Moreau		Sweden	{"old_names": []}	course.xml	m	NULL	1957	p	Curiosity	1	DE	Berlin	NULL	NULL
46	1036	Alva Mensah	English			course.xml	f	NULL	NULL	a		1	NG			NULL
47	1037	Oskar Fischer	Swedish		{"old_emails": []}	course.xml	f	NULL	2004	jhs		1	NG	Lagos	NULL	NULL
48	1038	Mei Tanaka	Swedish			course.xml	m	NULL	1962	a	Curiosity	1	IN	Pune	Hello!	2025-04-24 21:25:38
49	1039	Priya Ekström	Português		{"old_emails": []}	course.xml		NULL	1994	p	NULL	1			NULL	NULL
50	1040	Ayşe Nguyen	Swedish	home		course.xml	f	NULL	1961	p	Upskill for work	1	IN	Pune	NULL	NULL
