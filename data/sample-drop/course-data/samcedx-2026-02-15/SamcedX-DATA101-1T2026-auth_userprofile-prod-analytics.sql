id	user_id	name	language	location	meta	courseware	gender	mailing_address	year_of_birth	level_of_education	goals	country	city	bio	profile_image_uploaded_at	state
5	7	Stina Staff	English			course.xml	f	NULL	1984	p		SE	Göteborg	NULL	NULL	NULL
11	1001	Alva Berg	Português	home		course.xml	m	Vasagatan 3\nGöteborg	2003	hs		SE	Göteborg		NULL	
12	1002	Noah Lindqvist		Between "Lund" and Malmö? Mostly Lund		course.xml		51 Example Road	NULL	a	Learn SQL\tand R	BR	Recife	Hello!	2025-09-27 15:22:07	
13	1003	Maja Okafor		Sweden	{"old_names": []}	course.xml	f	NULL	1970	other	Keep notes in C:\\data\\notes			NULL	NULL	NULL
14	1004	Liam Tanaka	Deutsch		{"old_names": []}	course.xml	o	NULL	2002	other		SE	Stockholm	NULL	NULL	
15	1005	Okafor, Chidi	Deutsch		{"old_emails": []}	course.xml	NULL	73 Example Road	1965	b		GB	Leeds	Hello!	2025-08-18 00:28:56	
16	1006	Anna "Ann" Moreau	Português		{"old_names": [["Anna \\"Annie\\" Moreau", "typo", "2025-10-02T09:14:03.118204+00:00"]]}	course.xml	m	NULL	NULL	hs	NULL			NULL	2024-10-02 14:17:08	NULL
17	1007	Felix Lindqvist			{"old_names": []}	course.xml	NULL	NULL	1963		Upskill for work				NULL	
18	1008	Jonas Kim			{"old_emails": []}	course.xml		NULL	NULL	m	Upskill for work	JP	Osaka	Data nerd.\r\nLikes maps.	NULL	NULL
19	1009	Noah Tanaka	Swedish		{"old_emails": []}	course.xml	o	3 Example Road	1966	p	NULL	NULL			NULL	
20	1010	Erik Rossi	Swedish	home	{"old_emails": []}	course.xml	f	13 Example Road	1967			SE	Göteborg	NULL	NULL	
21	1011	Ravi Kim	English		{"old_emails": []}	course.xml	NULL	NULL	1974	jhs	Upskill for work			Hello!	NULL	NULL
22	1012	Maja Moreau	English		{"old_names": []}	course.xml	m	NULL	1967		NULL	IN			NULL	
23	1013	Lucas Lindqvist		home		course.xml	m	NULL	NULL	b	Upskill for work	NULL	NULL	Hello!	NULL	NULL
24	1014	Ines Patel	English			course.xml		NULL	1996			DE			NULL	
25	1015	Zoë Nguyen	Swedish			course.xml	f	NULL	1995	jhs	Upskill for work	JP	Osaka	NULL	NULL	
26	1016	Felix Nguyen				course.xml	m	96 Example Road	1997	jhs	NULL	GB	Leeds	NULL	2024-08-07 06:14:10	NULL
27	1017	Aiko Moreau	Português		{"old_names": []}	course.xml	f	NULL	1992	hs	Upskill for work	US			NULL	TX
28	1018	Tomas Andersson	Deutsch			course.xml	m	NULL	1969	none	NULL	JP	Osaka	NULL	2024-11-04 23:05:06	NULL
29	1019	Hugo Andersson	Português	home		course.xml	f	NULL	1962	other	Curiosity	NG	Lagos	Hello!	2025-08-24 14:30:59	NULL
30	1020	Amara Rossi	Swedish			course.xml		NULL	1976		Curiosity	FR		Hello!	NULL	NULL
31	1021	Oskar Berg		Sweden	{"old_names": []}	course.xml		NULL	2004	m					NULL	
32	1022	Zara Lindqvist		Sweden	{"old_emails": []}	course.xml	f	23 Example Road	NULL		Upskill for work	US	Austin	Hello!	2024-12-22 06:27:38	TX
33	1023	Diego Ivanova			{"old_names": []}	course.xml		84 Example Road	1989	b		NULL			NULL	
34	1024	Oskar Håkansson	Português	Sweden		course.xml	m	3 Example Road	NULL	m		FR			NULL	
35	1025	Björn Moreau	Português	Sweden		course.xml	m	NULL	1984	a	NULL			NULL	NULL	NULL
36	1026	Ravi Andersson	English		{"old_names": []}	course.xml	o	86 Example Road	1984	hs	NULL	US			NULL	TX
37	1027	Hana Andersson		home		course.xml	o	NULL	1986	p		SE	Göteborg	NULL	NULL	
38	1028	Felix Fischer	Swedish			course.xml	o	NULL	NULL	hs	NULL	JP	Osaka	Hello!	NULL	
39	1029	Jonas Novak	Português	Sweden		course.xml	f	NULL	1996	other	NULL	JP	Osaka	NULL	NULL	
40	1030	Freya Andersson	Português			course.xml	NULL	NULL	NULL	hs	Curiosity	NULL	NULL	Hello!	NULL	
41	1031	Ravi Dubois	Português		{"old_names": []}	course.xml	f	NULL	1993	b	Upskill for work				NULL	
42	1032	Émile Dubois	Deutsch	home		course.xml	m	NULL	1991	hs	NULL	DE			NULL	
43	1033	Åsa Ekström			{"old_emails": []}	course.xml	o	NULL	1985	jhs		SE	Göteborg		NULL	
44	1034	Diego Larsen	English	home	{"old_emails": []}	course.xml	m	NULL	1990	m	Upskill for work	IN	Pune	NULL	NULL	
45	1035	Freya Moreau		Sweden	{"old_names": []}	course.xml	m	NULL	1957	p	Curiosity	DE	Berlin	NULL	NULL	
46	1036	Alva Mensah	English			course.xml	f	NULL	NULL	a		NG			NULL	
47	1037	Oskar Fischer	Swedish		{"old_emails": []}	course.xml	f	NULL	2004	jhs		NG	Lagos	NULL	NULL	NULL
48	1038	Mei Tanaka	Swedish			course.xml	m	NULL	1962	a	Curiosity	IN	Pune	Hello!	2025-04-24 21:25:38	
49	1039	Priya Ekström	Português		{"old_emails": []}	course.xml		NULL	1994	p	NULL			NULL	NULL	NULL
50	1040	Ayşe Nguyen	Swedish	home		course.xml	f	NULL	1961	p	Upskill for work	IN	Pune	NULL	NULL	NULL
51	1041	Hugo Kowalski	English		{"old_names": []}	course.xml	o	NULL	NULL	p	NULL	IN	Pune	NULL	2024-11-12 18:37:45	
52	1042	Diego Tanaka	Swedish	Sweden		course.xml	m	76 Example Road	NULL	b	Curiosity	DE	Berlin	Hello!	2024-07-02 16:08:22	NULL
53	1043	Lucas Nguyen		Sweden	{"old_emails": []}	course.xml	m	NULL	1964	m	Curiosity				NULL	
54	1044	Alva Okafor	Swedish	home		course.xml	NULL	NULL	1955	a	Curiosity	NG	Lagos	NULL	NULL	NULL
55	1045	Hugo Müller		Sweden		course.xml	NULL	NULL	1997	jhs		NG	Lagos	NULL	NULL	
56	1046	Liam Haddad		Sweden	{"old_names": []}	course.xml	f	NULL	1961			SE			NULL	
57	1047	Omar Ivanova		home		course.xml	NULL	NULL	1961	b		GB			NULL	
58	1048	Lucas Mensah	Deutsch			course.xml	m	84 Example Road	1992	other	Upskill for work	SE			NULL	
59	1049	Omar Silva			{"old_names": []}	course.xml	m	NULL	1995	jhs	NULL	JP			NULL	
60	1050	Ingrid Patel				course.xml	NULL	NULL	1955	a	Curiosity			NULL	NULL	
