id	user_id	name	language	location	meta	courseware	gender	mailing_address	year_of_birth	level_of_education	goals	allow_certificate	country	city	bio	profile_image_uploaded_at
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
51	1041	Hugo Kowalski	English		{"old_names": []}	course.xml	o	NULL	NULL	p	NULL	1	IN	Pune	NULL	2024-11-12 18:37:45
52	1042	Diego Tanaka	Swedish	Sweden		course.xml	m	76 Example Road	NULL	b	Curiosity	1	DE	Berlin	Hello!	2024-07-02 16:08:22
53	1043	Lucas Nguyen		Sweden	{"old_emails": []}	course.xml	m	NULL	1964	m	Curiosity	1				NULL
54	1044	Alva Okafor	Swedish	home		course.xml	NULL	NULL	1955	a	Curiosity	1	NG	Lagos	NULL	NULL
55	1045	Hugo Müller		Sweden		course.xml	NULL	NULL	1997	jhs		1	NG	Lagos	NULL	NULL
56	1046	Liam Haddad		Sweden	{"old_names": []}	course.xml	f	NULL	1961			1	SE			NULL
57	1047	Omar Ivanova		home		course.xml	NULL	NULL	1961	b		1	GB			NULL
58	1048	Lucas Mensah	Deutsch			course.xml	m	84 Example Road	1992	other	Upskill for work	1	SE			NULL
59	1049	Omar Silva			{"old_names": []}	course.xml	m	NULL	1995	jhs	NULL	1	JP			NULL
60	1050	Ingrid Patel				course.xml	NULL	NULL	1955	a	Curiosity	1			NULL	NULL
61	1051	Hugo Silva		home		course.xml		NULL	1992	b		1	US	Austin	NULL	2025-01-02 00:03:38
62	1052	Ines Ekström	Deutsch		{"old_emails": []}	course.xml	f	NULL	1965	other	NULL	1				NULL
63	1053	Mei Okafor	Deutsch	home	{"old_names": []}	course.xml	f	NULL	1957			1	DE			NULL
64	1054	Aiko Rossi	Português	home	{"old_names": []}	course.xml	f	NULL	1974	m	Curiosity	1	IN	Pune	NULL	NULL
65	1055	Erik Costa	Português		{"old_emails": []}	course.xml	o	NULL	1994	p	NULL	1	IN	Pune	Hello!	NULL
66	1056	Elsa Okafor	Deutsch		{"old_names": []}	course.xml	m	NULL	2001	p	NULL	1	SE			NULL
67	1057	Elsa Dubois		Sweden		course.xml	NULL	93 Example Road	1986	jhs	Curiosity	1				NULL
68	1058	Felix Larsen	Swedish			course.xml	NULL	NULL	1984	p	Curiosity	1	JP	Osaka	NULL	NULL
69	1059	Hana Håkansson			{"old_emails": []}	course.xml	f	NULL	1957	NULL	Upskill for work	1	SE	Stockholm	NULL	2025-03-18 05:39:13
70	1060	Émile Dubois	Swedish	Sweden	{"old_emails": []}	course.xml	NULL	NULL	1989			1	US			NULL
